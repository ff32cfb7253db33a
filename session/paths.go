package session

import (
	"github.com/lockchat/lockchat/client"

	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the name of the store file inside the data directory.
const FileName = "lockchat.db"

// DefaultPath returns $XDG_DATA_HOME/lockchat/lockchat.db, falling back to
// ~/.local/share/lockchat/lockchat.db when XDG_DATA_HOME is unset or not
// absolute (as the XDG specification requires).
func DefaultPath() (string, error) {
	return PathIn("")
}

// PathIn returns the store path inside dataDir (the --data-dir flag or the
// data_dir setting), or DefaultPath when dataDir is empty.
func PathIn(dataDir string) (string, error) {
	if dataDir != "" {
		return filepath.Join(dataDir, FileName), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "lockchat", FileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the data directory: set XDG_DATA_HOME or --data-dir")
	}
	return filepath.Join(home, ".local", "share", "lockchat", FileName), nil
}

// ProviderURL returns base in the form a provider is stored:
// client.StoredBaseURL without a key, so user:password@, a fragment and
// query parameters named like credentials (?key=, ?token=, ...) never
// reach the disk, while an Azure-style ?api-version= survives. Callers
// that know the provider pass client.StoredBaseURL's result, which also
// drops its auth parameter. Text that does not parse as a URL is cut at
// the first '?' or '#'.
func ProviderURL(base string) string {
	base = strings.TrimSpace(base)
	if _, err := url.Parse(base); err != nil {
		cut, _, _ := strings.Cut(base, "?")
		cut, _, _ = strings.Cut(cut, "#")
		if _, host, ok := strings.Cut(cut, "@"); ok {
			return host
		}
		return cut
	}
	return client.StoredBaseURL(client.Provider{BaseURL: base})
}
