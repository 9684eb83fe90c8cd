/** Columns the database fills in on insert (DEFAULT CURRENT_TIMESTAMP, version counters): a row may omit them. */
export type DatabaseDefaulted = 'createdAt' | 'updatedAt' | 'version';

/**
 * The shape of a new row handed to a repository insert: every column but the tenant (the repository stamps
 * it; a caller-supplied one is refused) and with the database-defaulted columns optional.
 */
export type Insertable<T> = Omit<T, 'tenantId' | DatabaseDefaulted> &
  Partial<Pick<T, Extract<keyof T, DatabaseDefaulted>>> & { tenantId?: never };
