-- Supplier connections a merchant entered in the app. Secret fields (API secrets, passwords) never sit here
-- in clear: they are one encrypted JSON blob, sealed by the OS keychain (Electron safeStorage) or a key file.
CREATE TABLE supplier_connections (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  name          TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  secrets_blob  BLOB,
  sealed_by     TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
