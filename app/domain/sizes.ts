/** A size as messages print it: whole megabytes of 1024 × 1024 bytes, as the limits are set ("25 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
