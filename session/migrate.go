package session

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// migrate brings the schema up to SchemaVersion in one write transaction.
// The version is read inside the transaction (BEGIN IMMEDIATE, from the
// DSN), so two processes opening a fresh store at once cannot both apply
// the same step.
//
// A store that already holds data is first copied beside itself (see
// backupBeforeMigrating), so that a lockchat too old for the new schema
// still has the conversations as they were.
func migrate(db *sql.DB, path string) error {
	if err := backupBeforeMigrating(db, path); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v >= SchemaVersion {
		return nil
	}
	for ; v < SchemaVersion; v++ {
		if _, err := tx.Exec(migrations[v]); err != nil {
			return fmt.Errorf("migrating the store to version %d: %w", v+1, err)
		}
	}
	// PRAGMA takes no parameters; v is an int we control.
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v)); err != nil {
		return err
	}
	return tx.Commit()
}

// schemaVersion reads the version the store was written with.
func schemaVersion(db *sql.DB) (int, error) {
	var v int
	err := db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v, err
}

// BackupPath is where a store of schema version v is copied before it is
// migrated: <path>.v<v>.bak.
func BackupPath(path string, v int) string { return fmt.Sprintf("%s.v%d.bak", path, v) }

// backupBeforeMigrating copies a store of an older, non-empty schema to
// BackupPath with VACUUM INTO, which writes a consistent copy (WAL
// included) while other connections read. An existing backup is kept: it
// is the older one.
func backupBeforeMigrating(db *sql.DB, path string) error {
	v, err := schemaVersion(db)
	if err != nil || v == 0 || v >= SchemaVersion {
		return err
	}
	dest := BackupPath(path, v)
	if _, err := os.Stat(dest); err == nil {
		return nil
	}
	// VACUUM INTO takes a file name as a string literal.
	_, err = db.Exec(`VACUUM INTO '` + strings.ReplaceAll(dest, "'", "''") + `'`)
	if err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("keeping a copy of the store before migrating it: %w", err)
	}
	return os.Chmod(dest, 0o600)
}
