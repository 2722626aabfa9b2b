import type { ExportDownload } from '../../../src-shared/export-types';

/**
 * Hands the CSV text to the browser as a file download. The text already starts with the byte order mark,
 * and a Blob of a string is written as UTF-8, so Excel opens the file with Chinese titles intact.
 */
export function downloadCsv(download: ExportDownload): void {
  const url = URL.createObjectURL(new Blob([download.csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = download.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click starts the download asynchronously and still needs the URL.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
