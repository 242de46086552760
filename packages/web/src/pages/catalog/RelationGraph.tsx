/**
 * The relation graph, drawn with React Flow. Loaded on its own (React.lazy) with the
 * Relations tab, so neither React Flow nor dagre weighs on the catalog list.
 */
import '@xyflow/react/dist/style.css';
import { Controls, type Edge, Handle, MarkerType, type Node, type NodeProps, Position, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { EntityDetail } from './catalog-api';
import { entityPath, kindLabel, kindTone } from './refs';
import { layoutRelations, nodeHeight, nodeWidth } from './relation-layout';
import { relationWords } from './relation-words';

type EntityNodeData = { ref: string; kind: string | null; label: string; center: boolean; more?: number };
type EntityNode = Node<EntityNodeData, 'entity'>;

/** One entity: its kind in words and colour, its name a link (the keyboard's way in). */
function EntityNodeView({ data }: NodeProps<EntityNode>) {
  const tone = kindTone(data.kind);
  return (
    <div
      className={`graph-node kind-${tone}${data.center ? ' graph-node-center' : ''}${data.kind ? '' : ' graph-node-missing'}${data.more ? ' graph-node-more' : ''}`}
      style={{ width: nodeWidth, height: nodeHeight }}
      data-testid="graph-node"
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="graph-node-kind">
        {data.kind ? kindLabel(data.kind) : data.more ? 'Listed below' : 'Not in the catalog'}
      </span>
      {data.center || !data.kind ? (
        <span className="graph-node-label" title={data.ref}>
          {data.label}
        </span>
      ) : (
        <Link className="graph-node-label nodrag" to={entityPath(data.ref)} title={data.ref}>
          {data.label}
        </Link>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { entity: EntityNodeView };

export default function RelationGraph({ detail }: { detail: EntityDetail }) {
  const navigate = useNavigate();
  const { nodes, edges, height } = useMemo(() => {
    const layout = layoutRelations(detail);
    const nodes: EntityNode[] = layout.nodes.map((n) => ({
      id: n.id,
      type: 'entity',
      position: { x: n.x, y: n.y },
      data: { ref: n.ref, kind: n.kind, label: n.label, center: n.center, ...(n.more ? { more: n.more } : {}) },
      ariaRole: 'group',
      ariaLabel: n.more
        ? `${n.more} more entities, listed in the table below`
        : `${n.kind ? kindLabel(n.kind) : 'Entity'} ${n.label}${n.center ? ' (this entity)' : ''}`,
      draggable: false,
      selectable: false,
    }));
    const labels = new Map(layout.nodes.map((n) => [n.id, n.label]));
    const edges: Edge[] = layout.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.type,
      ariaLabel: `${labels.get(e.source)} ${relationWords(e.type).toLowerCase()} ${labels.get(e.target)}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      className: 'graph-edge',
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
    }));
    const tallest = Math.max(...layout.nodes.map((n) => n.y)) - Math.min(...layout.nodes.map((n) => n.y));
    return { nodes, edges, height: Math.min(640, Math.max(280, tallest + nodeHeight + 80)) };
  }, [detail]);

  return (
    <div className="relation-graph" style={{ height }} data-testid="relation-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // The page scrolls with the wheel as usual; the buttons zoom.
        zoomOnScroll={false}
        preventScrolling={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(event, node) => {
          // A click on the name is the link's own; anywhere else on the node opens it too.
          if ((event.target as Element).closest('a')) return;
          if (!node.data.center && node.data.kind) navigate(entityPath(node.data.ref));
        }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
