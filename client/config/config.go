// Package config reads lockchat's configuration file and environment and
// resolves them, with the command line's flags, into the settings a run
// uses. Precedence: flags > environment > file > built-in defaults.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/lockchat/lockchat/client"
)

// File is the content of config.toml. Every key is optional.
type File struct {
	Provider         string                  `toml:"provider"`
	Model            string                  `toml:"model"`
	Temperature      *float64                `toml:"temperature"`
	MaxTokens        int                     `toml:"max_tokens"`
	System           string                  `toml:"system"`
	MaxRetries       *int                    `toml:"max_retries"`
	Timeout          Duration                `toml:"timeout"`
	ConnectTimeout   Duration                `toml:"connect_timeout"`
	FirstByteTimeout Duration                `toml:"first_byte_timeout"`
	IdleTimeout      Duration                `toml:"idle_timeout"`
	MaxRetryWait     Duration                `toml:"max_retry_wait"`
	DataDir          string                  `toml:"data_dir"`
	Mouse            bool                    `toml:"mouse"`
	Theme            string                  `toml:"theme"`
	Keys             map[string][]string     `toml:"keys"`
	Providers        map[string]ProviderFile `toml:"providers"`
	StreamUsage      *bool                   `toml:"stream_usage"`
	// ContextWindow is the context window, in tokens, of every model
	// that no [models] or [providers] table gives one.
	ContextWindow int `toml:"context_window"`
	// Models are per-model settings, keyed by the model's name as sent.
	Models map[string]ModelFile `toml:"models"`
	// MaxReplyBytes bounds one reply (answer and reasoning together): a
	// reply that passes it is stopped and kept. Nil means
	// DefaultMaxReplyBytes.
	MaxReplyBytes *int `toml:"max_reply_bytes"`

	// path and text are where the file came from, for errors found after
	// loading (see ErrorAt).
	path, text string
}

// ErrorAt is a problem found after loading, in key of [table] (table ""
// for the top level): an *Error naming the file and, when it can be
// found, the line.
func (f File) ErrorAt(table, key, msg string) error {
	path := f.path
	if path == "" {
		path = "(no file)"
	}
	return &Error{Path: path, Line: lineInTable(f.text, table, key), Msg: msg}
}

// lineInTable finds the line that sets key inside [table].
func lineInTable(text, table, key string) int {
	in := table == ""
	for i, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			in = strings.Trim(strings.TrimSpace(strings.Trim(l, "[]")), `"`) == table
			continue
		}
		if !in {
			continue
		}
		name, _, ok := strings.Cut(l, "=")
		if ok && strings.Trim(strings.TrimSpace(name), `"`) == key {
			return i + 1
		}
	}
	return 0
}

// ModelFile is a [models."NAME"] table: what is known about one model.
type ModelFile struct {
	ContextWindow int   `toml:"context_window"`
	Vision        *bool `toml:"vision"`
}

// ProviderFile configures a custom provider or overrides a built-in one.
type ProviderFile struct {
	BaseURL           string            `toml:"base_url"`
	Auth              string            `toml:"auth"`
	AuthParam         string            `toml:"auth_param"`
	APIKeyEnv         string            `toml:"api_key_env"`
	APIKeyCmd         string            `toml:"api_key_cmd"`
	UserAgent         string            `toml:"user_agent"`
	Headers           map[string]string `toml:"headers"`
	DefaultModel      string            `toml:"default_model"`
	Models            []string          `toml:"models"`
	RetryModelMissing *bool             `toml:"retry_model_missing"`
	StreamUsage       *bool             `toml:"stream_usage"`
	// ContextWindow applies to the provider's models that no [models]
	// table gives one.
	ContextWindow int `toml:"context_window"`
}

// Duration is a time.Duration written in Go syntax ("90s", "2m").
type Duration struct {
	time.Duration
	Set bool
}

// UnmarshalText parses Go duration syntax.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a duration such as 90s or 2m", string(b))
	}
	d.Duration, d.Set = v, true
	return nil
}

// Error is a problem with the configuration file: one sentence naming the
// file, the line and what is wrong.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("config file %s, line %d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("config file %s: %s", e.Path, e.Msg)
}

// DefaultPath is $XDG_CONFIG_HOME/lockchat/config.toml (or ~/.config/...).
func DefaultPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "lockchat", "config.toml")
}

// Load reads the file at path. A missing file is fine unless the user named
// it explicitly (required).
func Load(path string, required bool) (File, error) {
	var f File
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return f, nil
	}
	if err != nil {
		return f, &Error{Path: path, Msg: "cannot be read (" + strings.TrimPrefix(err.Error(), "open "+path+": ") + ")"}
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return f, decodeError(path, string(data), err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		k := keys[0]
		return f, &Error{Path: path, Line: lineOfKey(string(data), k), Msg: fmt.Sprintf("unknown key %q", k.String())}
	}
	f.path, f.text = path, string(data)
	return f, f.validate(path, string(data))
}

// decodeError turns the TOML library's error into our one sentence.
func decodeError(path, text string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = fmt.Sprintf("%s (key %q)", msg, pe.LastKey)
		}
		return &Error{Path: path, Line: pe.Position.Line, Msg: msg}
	}
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Path: path, Line: line, Msg: fmt.Sprintf("%q must be a %s, not a %s", m[2], typeName(m[4]), typeName(m[3]))}
	}
	return &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// typeError matches the TOML library's message for a value of the wrong type.
var typeError = regexp.MustCompile(`line (\d+) \(last key "([^"]+)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)`)

// typeName says a Go or TOML type the way a config file's author knows it.
func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "map"), strings.HasPrefix(t, "struct"), t == "table":
		return "table"
	case strings.HasPrefix(t, "[]"), strings.HasPrefix(t, "slice"), t == "array":
		return "list"
	}
	return t
}

// lineOfKey finds the line where a key is set, for messages.
func lineOfKey(text string, key toml.Key) int {
	last := key[len(key)-1]
	for i, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, last) || strings.HasPrefix(l, `"`+last+`"`) {
			rest := strings.TrimSpace(strings.Trim(strings.TrimPrefix(l, last), `"`))
			if strings.HasPrefix(rest, "=") {
				return i + 1
			}
		}
	}
	return 0
}

// validate checks values the TOML types can't.
func (f File) validate(path, text string) error {
	bad := func(key, msg string) error {
		return &Error{Path: path, Line: lineOfKey(text, toml.Key{key}), Msg: msg}
	}
	if f.Temperature != nil && !(*f.Temperature >= 0 && *f.Temperature <= 2) { // NaN too
		return bad("temperature", "temperature must be between 0 and 2")
	}
	if f.MaxRetries != nil && (*f.MaxRetries < 0 || *f.MaxRetries > 20) {
		return bad("max_retries", "max_retries must be between 0 and 20")
	}
	if f.MaxReplyBytes != nil && *f.MaxReplyBytes <= 0 {
		return bad("max_reply_bytes", "max_reply_bytes must be a positive number of bytes")
	}
	switch f.Theme {
	case "", "auto", "dark", "light":
	default:
		return bad("theme", fmt.Sprintf("theme %q must be auto, dark or light", f.Theme))
	}
	if err := f.validateWindows(path, text); err != nil {
		return err
	}
	for name, p := range f.Providers {
		switch p.Auth {
		case "", "none", "bearer", "query", "header":
		default:
			return bad("auth", fmt.Sprintf("provider %q: auth %q must be bearer, query, header or none", name, p.Auth))
		}
		if (p.Auth == "query" || p.Auth == "header") && p.AuthParam == "" {
			return bad("auth", fmt.Sprintf("provider %q: auth %q needs auth_param (the query parameter or header name)", name, p.Auth))
		}
		if p.BaseURL != "" {
			if err := client.ValidateBaseURL(p.BaseURL); err != nil {
				return bad("base_url", fmt.Sprintf("provider %q: %v", name, err))
			}
		}
	}
	return nil
}
