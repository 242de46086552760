/**
 * The relation graph's shape: this entity, every entity it relates to, one arrow per
 * relation, laid out left to right by dagre so this entity sits between what points at it
 * and what it points at.
 */
import dagre from '@dagrejs/dagre';
import type { EntityDetail } from './catalog-api';
import { entityFields } from './entity-fields';
import { parseRef, shortRef } from './refs';
import { inverseOf, pointsHere } from './relation-words';

export const nodeWidth = 220;
export const nodeHeight = 64;

export interface GraphNode {
  id: string;
  ref: string;
  kind: string | null;
  label: string;
  center: boolean;
  /** How many entities of one relation this node stands for, when there are too many to draw. */
  more?: number;
  x: number;
  y: number;
}

/** Past this many entities of one relation (a team's 60 members), the graph draws a few and counts the rest. */
const perRelation = 8;
const drawnWhenMore = 6;

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The relation read from the source: "ownerOf", "dependsOn". */
  type: string;
}

export function layoutRelations(detail: EntityDetail): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const fields = entityFields(detail.entity);
  const nodes = new Map<string, Omit<GraphNode, 'x' | 'y'>>();
  nodes.set(detail.ref, { id: detail.ref, ref: detail.ref, kind: fields.kind, label: fields.title, center: true });
  const edges = new Map<string, GraphEdge>();
  const perType = new Map<string, number>();
  for (const r of detail.relations) perType.set(r.type, (perType.get(r.type) ?? 0) + 1);
  const drawn = new Map<string, number>();
  for (const r of detail.relations) {
    const other = r.targetRef.toLowerCase();
    if (other === detail.ref) continue;
    const total = perType.get(r.type) ?? 0;
    const count = (drawn.get(r.type) ?? 0) + 1;
    drawn.set(r.type, count);
    if (total > perRelation && count > drawnWhenMore) {
      // One node for the rest, its edge like theirs; the table below the graph lists them all.
      const id = `more:${r.type}`;
      const more = total - drawnWhenMore;
      nodes.set(id, { id, ref: '', kind: null, label: `${more} more`, center: false, more });
      const edge = pointsHere(r.type)
        ? { source: id, target: detail.ref, type: inverseOf(r.type) }
        : { source: detail.ref, target: id, type: r.type };
      edges.set(id, { id, ...edge });
      continue;
    }
    if (!nodes.has(other)) {
      const label = r.title ?? shortRef(r.targetRef, parseRef(r.targetRef).kind);
      nodes.set(other, { id: other, ref: r.targetRef, kind: r.kind, label, center: false });
    }
    const edge = pointsHere(r.type)
      ? { source: other, target: detail.ref, type: inverseOf(r.type) }
      : { source: detail.ref, target: other, type: r.type };
    const id = `${edge.source} ${edge.type} ${edge.target}`;
    edges.set(id, { id, ...edge });
  }

  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 150, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of nodes.keys()) graph.setNode(id, { width: nodeWidth, height: nodeHeight });
  // Labels take room between the ranks: dagre is told their size so arrows do not cross them.
  for (const e of edges.values()) graph.setEdge(e.source, e.target, { width: e.type.length * 7, height: 18 }, e.id);
  dagre.layout(graph);

  return {
    nodes: [...nodes.values()].map((n) => {
      const at = graph.node(n.id);
      // dagre gives centres; React Flow places nodes by their top-left corner.
      return { ...n, x: (at?.x ?? 0) - nodeWidth / 2, y: (at?.y ?? 0) - nodeHeight / 2 };
    }),
    edges: [...edges.values()],
  };
}
