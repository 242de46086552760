/**
 * What a dry run would write: the files as a tree (folders first, like an editor shows them)
 * and the chosen file's content.
 */
import { useMemo, useState } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import type { TemplateRunView } from './queries';
import { stepBadge } from './RunSteps';
import { ScrollablePre } from './ScrollablePre';

export interface DryRunFile {
  path: string;
  size: number;
  content: string | null;
  truncated?: boolean;
}

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: DryRunFile[];
}

export function fileTree(files: readonly DryRunFile[]): Folder {
  const root: Folder = { name: '', folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), files: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push(file);
  }
  return root;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
}

export function filesOf(run: TemplateRunView): DryRunFile[] {
  const files = run.output.files;
  return Array.isArray(files) ? (files as DryRunFile[]) : [];
}

export function DryRunFiles({ run }: { run: TemplateRunView }) {
  const files = filesOf(run);
  const tree = useMemo(() => fileTree(files), [files]);
  const first = files.find((f) => /^readme/i.test(f.path)) ?? files.find((f) => f.path === 'score.yaml') ?? files[0];
  const [chosen, setChosen] = useState(first?.path);
  const file = files.find((f) => f.path === chosen);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return (
    <section aria-labelledby="dry-run-title" className="dry-run card">
      <h2 id="dry-run-title">Dry run: {files.length} files it would write</h2>
      <p className="muted">
        {formatSize(total)} in all. A dry run runs only the steps that write files: nothing was pushed, registered or
        deployed.
        {run.status === 'failed' && ` The dry run failed: ${run.error}`}
      </p>
      <ul className="dry-run-steps">
        {run.steps.map((s) => (
          <li key={s.id}>
            <StatusBadge {...stepBadge(s.status)} /> {s.name} <code className="muted">{s.action}</code>
          </li>
        ))}
      </ul>
      <div className="dry-run-body">
        <nav aria-label="Files" className="file-tree">
          <FolderList folder={tree} chosen={chosen} onChoose={setChosen} />
        </nav>
        <div className="file-view">
          {file ? (
            <>
              <h3 className="mono" id="file-view-title">
                {file.path} <span className="muted">({formatSize(file.size)})</span>
              </h3>
              {file.content === null ? (
                <p className="muted">
                  {file.truncated ? 'Too large to show here.' : 'A binary file: its content is not shown.'}
                </p>
              ) : (
                <ScrollablePre className="file-content" labelledBy="file-view-title" testId="file-content">
                  {file.content}
                </ScrollablePre>
              )}
            </>
          ) : (
            <p className="muted">The dry run wrote no files.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function FolderList({
  folder,
  chosen,
  onChoose,
}: {
  folder: Folder;
  chosen: string | undefined;
  onChoose: (path: string) => void;
}) {
  const folders = [...folder.folders.values()].sort((a, b) => a.name.localeCompare(b.name));
  const files = [...folder.files].sort((a, b) => a.path.localeCompare(b.path));
  return (
    <ul>
      {folders.map((f) => (
        <li key={f.name}>
          <span className="file-tree-folder">{f.name}/</span>
          <FolderList folder={f} chosen={chosen} onChoose={onChoose} />
        </li>
      ))}
      {files.map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className="file-tree-file"
            aria-current={f.path === chosen ? 'true' : undefined}
            aria-label={f.path}
            onClick={() => onChoose(f.path)}
          >
            {f.path.split('/').at(-1)}
          </button>
        </li>
      ))}
    </ul>
  );
}
