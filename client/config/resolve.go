package config

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/lockchat/lockchat/client"
)

// Flags are the command-line values; nil or "" means "not given".
type Flags struct {
	Provider  string
	BaseURL   string
	Model     string
	UserAgent string
	System    string
	// Role names a [prompts] entry to use as the system prompt; it and
	// System can't both be given.
	Role        string
	DataDir     string
	Temperature *float64
	MaxRetries  *int
	Timeout     *time.Duration
	Mouse       *bool
}

// Settings is everything a run needs, resolved.
type Settings struct {
	Provider client.Provider
	Options  client.Options
	// Model is "" when nothing names one and the provider has no default
	// (llama.cpp, vLLM, LM Studio serve whatever they loaded): the caller
	// then asks the server for its models and uses the first.
	Model       string
	Temperature float64
	MaxTokens   int
	// System is the system prompt of a new conversation: --system, else
	// the --role's prompt, else the file's system key.
	System string
	// Role is the [prompts] name System came from; "" when it came from
	// elsewhere.
	Role string
	// SystemChosen says System was named on the command line (--system or
	// --role): a continued conversation then takes it from the next
	// request on instead of keeping its own.
	SystemChosen bool
	// Prompts are the [prompts] table: role name to prompt text.
	Prompts map[string]string
	DataDir string
	Mouse   bool
	Theme   string
	Keys    map[string][]string
	// MaxReplyBytes is the most a reply may hold, answer and reasoning
	// together, before it is stopped (and kept).
	MaxReplyBytes int
	// ContextWindow is the configured context window of Model, in
	// tokens: its [models."NAME"] table's, else the provider's, else the
	// top level's; 0 when the config gives none. ContextWindowFor answers
	// for another model, Window adds the server's and built-in figures.
	ContextWindow int
	// ModelsTable holds the [models."NAME"] tables, by model name.
	ModelsTable map[string]ModelSettings

	providerWindow, fileWindow int
}

// ModelSettings is what the config says about one model.
type ModelSettings struct {
	// ContextWindow in tokens; 0 when not set.
	ContextWindow int
	// Vision says whether the model takes images; nil when not set.
	Vision *bool
}

// DefaultTemperature is sent when the user sets none.
const DefaultTemperature = 0.7

// DefaultMaxReplyBytes is max_reply_bytes unless the file sets it: far
// beyond any real answer, small enough that a server that never stops
// can't fill the memory or the disk.
const DefaultMaxReplyBytes = 16 << 20

// Env reads an environment variable; os.Getenv in production.
type Env func(string) string

// Resolve merges defaults, the file, the environment and the flags. It is
// ResolveContext with a context that never ends.
func Resolve(f File, env Env, fl Flags) (Settings, error) {
	return ResolveContext(context.Background(), f, env, fl)
}

// ResolveContext is Resolve whose api_key_cmd, if any, is stopped when ctx
// ends, so that SIGINT or SIGTERM during a hung password manager ends
// lockchat at once.
func ResolveContext(ctx context.Context, f File, env Env, fl Flags) (Settings, error) {
	name := first(fl.Provider, env("LOCKCHAT_PROVIDER"), f.Provider, "lockchat")
	p, err := provider(ctx, name, f, env)
	if err != nil {
		return Settings{}, err
	}
	if base := first(fl.BaseURL, env("LOCKCHAT_BASE_URL")); base != "" {
		p.BaseURL = base // only the URL: auth style, agent and retry rules stay
		if err := client.ValidateBaseURL(base); err != nil {
			return Settings{}, err
		}
	}
	if key := env("LOCKCHAT_API_KEY"); key != "" {
		p.APIKey, p.KeyFromUser = key, true
		if p.Auth == client.AuthNone {
			p.Auth = client.AuthBearer
		}
	}
	if fl.UserAgent != "" {
		p.UserAgent = fl.UserAgent
	}
	opts := options(f, fl)
	opts.NoStreamUsage = !streamUsage(f, name)
	s := Settings{
		Provider: p, Options: opts,
		Model:       first(fl.Model, env("LOCKCHAT_MODEL"), f.Model, p.DefaultModel),
		Temperature: DefaultTemperature, MaxTokens: f.MaxTokens,
		DataDir: first(fl.DataDir, f.DataDir),
		Mouse:   f.Mouse, Theme: first(f.Theme, "auto"), Keys: f.Keys,
	}
	s.MaxReplyBytes = DefaultMaxReplyBytes
	if f.MaxReplyBytes != nil {
		s.MaxReplyBytes = *f.MaxReplyBytes
	}
	if f.Temperature != nil {
		s.Temperature = *f.Temperature
	}
	if fl.Temperature != nil {
		s.Temperature = *fl.Temperature
	}
	if fl.Mouse != nil {
		s.Mouse = *fl.Mouse
	}
	s.resolveWindows(f, name)
	if err := s.resolveSystem(f, fl); err != nil {
		return s, err
	}
	return s, nil
}

// options applies the file's and flags' deadlines to the defaults.
func options(f File, fl Flags) client.Options {
	o := client.DefaultOptions()
	// Both front ends save every piece of a reply as it comes and keep
	// what they show: an error's Partial would be a third copy.
	o.NoPartial = true
	if f.MaxRetries != nil {
		o.MaxRetries = *f.MaxRetries
	}
	if fl.MaxRetries != nil {
		o.MaxRetries = *fl.MaxRetries
	}
	set := func(dst *time.Duration, d Duration) {
		if d.Set {
			*dst = d.Duration
		}
	}
	set(&o.Timeout, f.Timeout)
	set(&o.ConnectTimeout, f.ConnectTimeout)
	set(&o.FirstByteTimeout, f.FirstByteTimeout)
	set(&o.IdleTimeout, f.IdleTimeout)
	set(&o.RetryAfterMax, f.MaxRetryWait)
	if fl.Timeout != nil {
		o.Timeout = *fl.Timeout
	}
	return o
}

// streamUsage is whether to ask the named provider for token counts:
// its table's stream_usage, else the top-level one, else yes.
func streamUsage(f File, name string) bool {
	if pf, ok := f.Providers[name]; ok && pf.StreamUsage != nil {
		return *pf.StreamUsage
	}
	if f.StreamUsage != nil {
		return *f.StreamUsage
	}
	return true
}

// provider builds the named provider: a built-in, possibly overridden by
// the file, or a custom one from the file.
func provider(ctx context.Context, name string, f File, env Env) (client.Provider, error) {
	p, builtin := client.Builtin()[name]
	pf, inFile := f.Providers[name]
	if !builtin && !inFile {
		return p, fmt.Errorf("unknown provider %q: use one of %s, or define [providers.%s] in the config file",
			name, strings.Join(client.BuiltinNames(), ", "), name)
	}
	p.Name = name
	if inFile {
		if err := overlay(&p, pf); err != nil {
			return p, err
		}
	}
	if p.BaseURL == "" {
		return p, fmt.Errorf("provider %q has no base_url", name)
	}
	if err := client.ValidateBaseURL(p.BaseURL); err != nil {
		return p, fmt.Errorf("provider %q: %v", name, err)
	}
	if p.KeyEnv != "" {
		if k := env(p.KeyEnv); k != "" {
			p.APIKey, p.KeyFromUser = k, true
		}
	}
	if inFile && pf.APIKeyCmd != "" {
		k, err := keyFromCommand(ctx, pf.APIKeyCmd, keyCommandTimeout)
		if err != nil {
			return p, fmt.Errorf("provider %q: api_key_cmd failed: %v", name, err)
		}
		p.APIKey, p.KeyFromUser = k, true
	}
	return p, nil
}

// overlay applies a file's provider table onto p.
func overlay(p *client.Provider, pf ProviderFile) error {
	if pf.BaseURL != "" {
		p.BaseURL = pf.BaseURL
	}
	if pf.Auth != "" {
		p.Auth = client.AuthStyle(pf.Auth)
	}
	if p.Auth == "" {
		p.Auth = client.AuthBearer
	}
	if pf.AuthParam != "" {
		p.AuthParam = pf.AuthParam
	}
	if pf.APIKeyEnv != "" {
		p.KeyEnv = pf.APIKeyEnv
	}
	if pf.UserAgent != "" {
		p.UserAgent = pf.UserAgent
	}
	if len(pf.Headers) > 0 {
		p.Headers = pf.Headers
	}
	if pf.DefaultModel != "" {
		p.DefaultModel = pf.DefaultModel
	}
	p.Models = client.MergeModels(p.Models, pf.Models)
	if pf.RetryModelMissing != nil {
		p.RetryModelMissing = *pf.RetryModelMissing
	}
	return nil
}

// DataDirOr returns the configured data directory, or def when none is set.
func (s Settings) DataDirOr(def string) string {
	if s.DataDir != "" {
		return filepath.Clean(s.DataDir)
	}
	return def
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
