package session

import (
	"database/sql"
)

// ProviderPrefs is what lockchat remembers about a server between runs,
// keyed by its base URL (as ProviderURL gives it).
type ProviderPrefs struct {
	// NoStreamUsage: the server refused stream_options, so requests are
	// sent without it.
	NoStreamUsage bool
}

// ProviderPrefs returns what is remembered about the server at baseURL;
// the zero value when nothing is.
func (s *Store) ProviderPrefs(baseURL string) (ProviderPrefs, error) {
	var p ProviderPrefs
	err := s.db.QueryRow(`SELECT no_stream_usage FROM providers WHERE base_url = ?`,
		ProviderURL(baseURL)).Scan(&p.NoStreamUsage)
	if err == sql.ErrNoRows {
		return ProviderPrefs{}, nil
	}
	return p, err
}

// SetProviderPrefs remembers p for the server at baseURL.
func (s *Store) SetProviderPrefs(baseURL string, p ProviderPrefs) error {
	if err := s.writable(); err != nil {
		return err
	}
	_, err := s.db.Exec(`INSERT INTO providers (base_url, no_stream_usage) VALUES (?, ?)
		ON CONFLICT (base_url) DO UPDATE SET no_stream_usage = excluded.no_stream_usage`,
		ProviderURL(baseURL), p.NoStreamUsage)
	return err
}
