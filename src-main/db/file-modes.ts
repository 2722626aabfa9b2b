/** The database holds sealed secrets, order deliveries and the whole catalog: only its owner may read it. */
export const DB_FILE_MODE = 0o600;
/** A folder created for the database or its backups: only its owner may list it. */
export const DB_DIR_MODE = 0o700;
