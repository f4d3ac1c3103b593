/** The row an `insert … returning()` or `update … returning()` gave back; none means a broken invariant. */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${what}: the statement returned no row`);
  return row;
}
