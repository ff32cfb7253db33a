package session

import (
	"database/sql"
	"fmt"
)

// migrate brings the schema up to SchemaVersion in one write transaction.
// The version is read inside the transaction (BEGIN IMMEDIATE, from the
// DSN), so two processes opening a fresh store at once cannot both apply
// the same step.
func migrate(db *sql.DB) error {
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
