/** Saves a Blob as a download (for what needs the bearer token and so cannot be a plain link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL; it can go after this turn
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const saveText = (text: string, fileName: string): void => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), fileName);
