-- What listing connections needs about their secrets, kept beside the sealed blob so listing never unseals it:
-- secrets_set: a JSON array of the secret fields that hold a value (names only, never values);
-- key_id: a fingerprint of the data key that sealed the blob (an HMAC under the key, not the key), so a blob
-- sealed under another key (the OS keychain's versus the key file's) is recognised without trying to open it.
-- Rows from before this migration keep NULL in both until a process that can open them fills them in.
ALTER TABLE supplier_connections ADD COLUMN secrets_set TEXT;
ALTER TABLE supplier_connections ADD COLUMN key_id TEXT;
