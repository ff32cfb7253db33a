//go:build !unix

package session

import (
	"errors"
	"os"
)

// lockFile cannot lock here; recovery falls back to processAlive.
func lockFile(*os.File, bool) error { return errors.ErrUnsupported }
