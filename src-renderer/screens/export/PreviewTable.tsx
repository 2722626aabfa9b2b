interface Props {
  columns: string[];
  rows: string[][];
  label: string;
}

/**
 * The file's header and first rows, cell for cell. Wide presets scroll sideways inside the card; long cells
 * (HTML descriptions, tags) are cut with an ellipsis and shown whole in their tooltip.
 */
export function PreviewTable({ columns, rows, label }: Props) {
  return (
    <div className="preview-scroll" tabIndex={0} role="region" aria-label={label}>
      {/* The file's own text: column names and values as the store reads them, never translated. */}
      <table className="table preview-table" translate="no">
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" title={column}>
                <div className="cell">{column}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} title={cell || undefined}>
                  <div className="cell">{cell}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
