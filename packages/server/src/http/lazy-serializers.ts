import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Serialize = (data: unknown) => string;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

/** Response serializers made when first used, and what makes the rest now. */
export interface LazySerializers {
  /** For Fastify's `schemaController.compilersFactory.buildSerializer`. */
  buildSerializer: BuildSerializer;
  /**
   * Compiles every serializer not used yet and answers how many: a schema fast-json-stringify
   * refuses throws here.
   */
  compileAll(): number;
}

/**
 * Fastify compiles a serializer (fast-json-stringify) for every response schema of every route
 * when the app starts: about 1,270 here (910 declared responses and the HEAD twin of every GET),
 * most of them the error shape once for each status a route may answer, and 1.7 of the 2.5
 * CPU-seconds a start took. Each is compiled on its first
 * use instead, the same compiler with the same schemas; a start then costs a fraction, and a
 * process that builds many apps (the tests) stops paying for routes it never calls.
 * `compileAll` compiles the rest, so a test still finds a schema that cannot be compiled.
 */
export function lazySerializers(): LazySerializers {
  const build = SerializerSelector();
  const waiting = new Set<() => Serialize>();
  const buildSerializer: BuildSerializer = (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: Serialize | undefined;
      const ready = () => {
        if (!serialize) {
          serialize = compile(route);
          waiting.delete(ready);
        }
        return serialize;
      };
      waiting.add(ready);
      return (data) => ready()(data);
    };
  };
  return {
    buildSerializer,
    compileAll: () => {
      const left = [...waiting];
      for (const ready of left) ready();
      return left.length;
    },
  };
}
