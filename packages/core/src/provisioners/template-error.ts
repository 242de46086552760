/**
 * The one error of the template language, thrown while parsing, rendering or calling a
 * function. It lives apart from the parser so that the function table can throw it without
 * importing the parser, which imports the function table.
 */
export class TemplateError extends Error {
  /** JSON Pointer (inside the provisioner) of the string that failed, once known. */
  pointer: string | undefined;
  constructor(message: string, pointer?: string) {
    super(message);
    this.name = 'TemplateError';
    this.pointer = pointer;
  }
}
