package session

import (
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

// ProviderURL returns base without its query, fragment and userinfo, the
// form in which a provider is stored: keys passed as ?key=... or
// user:password@ never reach the disk. Text that does not parse as a URL is
// cut at the first '?' or '#'.
func ProviderURL(base string) string {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		cut, _, _ := strings.Cut(base, "?")
		cut, _, _ = strings.Cut(cut, "#")
		if _, host, ok := strings.Cut(cut, "@"); ok {
			return host
		}
		return cut
	}
	u.User = nil
	u.RawQuery = ""
	u.ForceQuery = false
	u.Fragment = ""
	u.RawFragment = ""
	return u.String()
}
