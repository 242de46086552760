// Reads a Markdown document into the shell blocks the tour runs. Every ```sh block is run
// unless a mark comment stands right before it:
//   <!-- tour: skip, REASON -->   not run (a synopsis with placeholders, another machine…);
//                                 the reason is required, so every exception is explained
//   <!-- tour: server -->         the README's setup block: its first command starts Slipway
//                                 (the runner starts it in the background); the rest is not run
//   <!-- tour: server-output -->  a plain block with the lines that command prints once Slipway
//                                 is up
import MarkdownIt from 'markdown-it';

export type BlockRole = 'run' | 'skip' | 'server' | 'server-output';

export interface DocBlock {
  file: string;
  /** 1-based line of the block's first content line. */
  line: number;
  role: BlockRole;
  /** Why a skipped block is not run. */
  reason: string;
  text: string;
}

const shellLanguages = new Set(['sh', 'bash', 'shell']);
const markPattern = /^<!--\s*tour:\s*(skip|server-output|server)\b[\s,:—-]*(.*?)\s*-->$/s;

interface Mark {
  role: BlockRole;
  reason: string;
  line: number;
}

export function readBlocks(file: string, markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  let mark: Mark | undefined;
  for (const token of new MarkdownIt({ html: true }).parse(markdown, {})) {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'fence') {
      const block = fenceBlock(file, line, token.info, token.content, mark);
      if (block) blocks.push(block);
    } else if (mark) {
      throw new Error(`${file}:${mark.line}: a tour mark must stand right before a code block`);
    }
    const found = token.type === 'html_block' ? markPattern.exec(token.content.trim()) : null;
    if (token.type === 'html_block' && !found && /<!--\s*tour:/.test(token.content)) {
      throw new Error(`${file}:${line}: a tour mark must be "skip, REASON", "server" or "server-output"`);
    }
    mark = found ? { role: found[1] as BlockRole, reason: found[2] ?? '', line } : undefined;
  }
  if (mark) throw new Error(`${file}:${mark.line}: a tour mark must stand right before a code block`);
  return blocks;
}

function fenceBlock(
  file: string,
  line: number,
  info: string,
  text: string,
  mark: Mark | undefined,
): DocBlock | undefined {
  const language = info.trim().split(/\s+/)[0] ?? '';
  const role = mark?.role ?? 'run';
  if (role === 'skip' && !mark?.reason) throw new Error(`${file}:${mark?.line}: say why the block is skipped`);
  if (role !== 'server-output' && !shellLanguages.has(language)) return undefined;
  return { file, line: line + 1, role, reason: mark?.reason ?? '', text };
}
