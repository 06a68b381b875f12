/** Column types Drizzle lacks, shared by every capability's tables.ts. */
import { customType } from 'drizzle-orm/pg-core';

/** Binary data (sealed fields, hashes) as Node Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
