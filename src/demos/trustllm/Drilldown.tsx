// One task's items: the prompt, the response, and the label it is scored with (an override, the
// file's judge label, or the matcher's), which the user can change for refusal tasks and watch
// the task's number move. Long files are paged.

import { useState } from 'react';
import { ColumnHeads } from '../../ui/ChartCard';
import type { ItemRow, TaskRow } from './experiment';
import { setOverride } from './loadedOutputs';

const PAGE = 20;
/** A score to 3 decimals, or a dash where there is none. */
export const formatScore = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(3));

export function Drilldown({ task, items }: { task: TaskRow; items: readonly ItemRow[] }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const shown = items.slice(page * PAGE, (page + 1) * PAGE);
  const fileName = `${task.source}/${task.file}`;
  const editable = items.some((i) => i.editable);
  return (
    <div className="drilldown" data-testid="trustllm-drilldown">
      <p>
        <strong>{task.title}</strong> ({task.source}): {task.metric} = <span data-testid="trustllm-drilldown-value">{formatScore(task.value)}</span> <span className="badge">{task.exactness}</span> over {task.records} records
        {items.length < task.records ? ` (the first ${items.length} listed)` : ''}. {task.notes}
      </p>
      {task.details && <p data-testid="trustllm-drilldown-details">Every number the toolkit reports for it: {task.details}</p>}
      {editable && <p className="muted">Change a label to see the task’s numbers move: LABEL_0 is a refusal (the toolkit’s judge’s label), LABEL_1 an answer. Only labels that enter the score can be changed.</p>}
      <div className="table-wrap">
        <table>
          <caption>Items of {task.file}, page {page + 1} of {pages}</caption>
          <ColumnHeads columns={['line', 'prompt', 'response', 'label']} />
          <tbody>
            {shown.map((item) => (
              <tr key={item.index}>
                <td>{item.line}</td>
                <td>{item.prompt}</td>
                <td>{item.res || <em>(empty)</em>}</td>
                <td>
                  {item.editable ? (
                    <select aria-label={`Label of line ${item.line}`} value={item.label ?? ''} onChange={(e) => setOverride(fileName, item.index, e.target.value)}>
                      <option value="LABEL_0">LABEL_0 refused</option>
                      <option value="LABEL_1">LABEL_1 answered</option>
                    </select>
                  ) : (
                    (item.label ?? '—')
                  )}{' '}
                  <span className="muted">{item.labelSource}</span>
                  {item.labelSource === 'override' && (
                    <button type="button" onClick={() => setOverride(fileName, item.index, null)} aria-label={`Undo the override of line ${item.line}`}>
                      undo
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <p>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>{' '}
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </p>
      )}
    </div>
  );
}
