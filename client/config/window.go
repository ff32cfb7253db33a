package config

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/lockchat/lockchat/client"
)

// WindowSource says where a context window came from.
type WindowSource string

// The places a context window is taken from, in order of precedence.
const (
	WindowFromConfig WindowSource = "config"
	WindowFromServer WindowSource = "server"
	WindowBuiltin    WindowSource = "built-in"
	// WindowUnknown: nothing says; the whole history is sent.
	WindowUnknown WindowSource = ""
)

// resolveWindows keeps the file's context windows and model tables for
// provider, and resolves the window of the run's model.
func (s *Settings) resolveWindows(f File, provider string) {
	s.fileWindow = f.ContextWindow
	s.providerWindow = f.Providers[provider].ContextWindow
	if len(f.Models) > 0 {
		s.ModelsTable = make(map[string]ModelSettings, len(f.Models))
		for name, m := range f.Models {
			s.ModelsTable[name] = ModelSettings(m)
		}
	}
	s.ContextWindow = s.ContextWindowFor(s.Model)
}

// ContextWindowFor returns the configured context window of model with
// the run's provider: [models."NAME"], else [providers.NAME], else the top
// level; 0 when the config gives none.
func (s Settings) ContextWindowFor(model string) int {
	if m, ok := s.ModelsTable[model]; ok && m.ContextWindow > 0 {
		return m.ContextWindow
	}
	if s.providerWindow > 0 {
		return s.providerWindow
	}
	return s.fileWindow
}

// Window resolves model's context window: the config's, else what the
// server said (client.Client.ModelInfo; pass the zero ModelInfo when it
// was not asked or did not answer), else the built-in table's
// (client.KnownModel); 0 and WindowUnknown when nothing says.
func (s Settings) Window(model string, server client.ModelInfo) (int, WindowSource) {
	if n := s.ContextWindowFor(model); n > 0 {
		return n, WindowFromConfig
	}
	if server.ContextWindow > 0 {
		return server.ContextWindow, WindowFromServer
	}
	if k, ok := client.KnownModel(model); ok && k.ContextWindow > 0 {
		return k.ContextWindow, WindowBuiltin
	}
	return 0, WindowUnknown
}

// Vision says whether model takes images, with the same precedence as
// Window: the config's vision key, the server's metadata, the built-in
// table; nil when nothing says (callers then send the image).
func (s Settings) Vision(model string, server client.ModelInfo) *bool {
	if m, ok := s.ModelsTable[model]; ok && m.Vision != nil {
		return m.Vision
	}
	if server.Vision != nil {
		return server.Vision
	}
	if k, ok := client.KnownModel(model); ok {
		return k.Vision
	}
	return nil
}

// validateWindows checks the context_window keys, naming the table a bad
// one is in.
func (f File) validateWindows(path, text string) error {
	bad := func(table []string, where string, n int) error {
		return &Error{Path: path, Line: lineOfTableKey(text, table, "context_window"),
			Msg: fmt.Sprintf("%scontext_window %d must be a positive number of tokens, such as 8192 or 128000", where, n)}
	}
	if f.ContextWindow < 0 {
		return bad(nil, "", f.ContextWindow)
	}
	for name, p := range f.Providers {
		if p.ContextWindow < 0 {
			return bad([]string{"providers", name}, fmt.Sprintf("provider %q: ", name), p.ContextWindow)
		}
	}
	for name, m := range f.Models {
		if m.ContextWindow < 0 {
			return bad([]string{"models", name}, fmt.Sprintf("model %q: ", name), m.ContextWindow)
		}
	}
	return nil
}

// lineOfTableKey finds the line where key is set inside the table named
// by table ([providers.NAME], [models."NAME"]); nil means the top level,
// before the first table. It falls back to the first line setting key.
func lineOfTableKey(text string, table []string, key string) int {
	inTable := len(table) == 0
	for i, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			inTable = len(table) > 0 && tableHeader(l, table)
			continue
		}
		if inTable && strings.HasPrefix(l, key) && strings.HasPrefix(strings.TrimSpace(l[len(key):]), "=") {
			return i + 1
		}
	}
	return lineOfKey(text, toml.Key{key})
}

// tableHeader reports whether a "[a.b]" line opens the table named by
// parts, each part bare or quoted.
func tableHeader(line string, parts []string) bool {
	line = strings.TrimSpace(strings.Trim(strings.SplitN(line, "#", 2)[0], " \t"))
	if !strings.HasPrefix(line, "[") || !strings.HasSuffix(line, "]") {
		return false
	}
	var quoted []string
	for _, p := range parts {
		quoted = append(quoted, `(`+regexp.QuoteMeta(p)+`|"`+regexp.QuoteMeta(p)+`"|'`+regexp.QuoteMeta(p)+`')`)
	}
	re := `^\[\s*` + strings.Join(quoted, `\s*\.\s*`) + `\s*\]$`
	ok, _ := regexp.MatchString(re, line)
	return ok
}
