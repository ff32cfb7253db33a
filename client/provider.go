package client

import (
	"net"
	"net/url"
	"sort"
	"strings"
)

// AuthStyle says how a provider's key travels.
type AuthStyle string

// The supported ways of sending a key.
const (
	// AuthNone sends no key.
	AuthNone AuthStyle = "none"
	// AuthBearer sends "Authorization: Bearer KEY".
	AuthBearer AuthStyle = "bearer"
	// AuthQuery appends ?PARAM=KEY to the request URL (Lockchat's way).
	AuthQuery AuthStyle = "query"
	// AuthHeader sends the key in a named header (AuthParam).
	AuthHeader AuthStyle = "header"
)

// LockchatUserAgent is the User-Agent the Lockchat service expects.
const LockchatUserAgent = "ChatX/39 CFNetwork/1408.0.4 Darwin/22.5.0"

// LockchatToken is Lockchat's public access token, sent as ?auth=.
// It is public, but still treated as a secret: it never appears in output.
const LockchatToken = "FnMNPlwZEnGFqvEc9470Vw=="

// Provider describes one OpenAI-compatible endpoint and how to talk to it.
type Provider struct {
	// Name is the provider's name, for example "lockchat" or "ollama".
	Name string
	// BaseURL is the API root, for example "http://localhost:11434/v1".
	BaseURL string
	// Auth says how APIKey is sent; AuthParam names the query parameter or
	// header for AuthQuery and AuthHeader.
	Auth      AuthStyle
	AuthParam string
	// APIKey is the secret. It is never printed, logged or stored.
	APIKey string
	// KeyFromUser is true when the key came from the user (environment,
	// command or config) rather than being a built-in public token.
	KeyFromUser bool
	// KeyEnv names the environment variable the key is read from, for
	// messages that tell the user what to set.
	KeyEnv string
	// UserAgent overrides Go's default User-Agent when set.
	UserAgent string
	// Headers are extra request headers.
	Headers map[string]string
	// DefaultModel is used when the user names none.
	DefaultModel string
	// Models are the models offered without asking the server.
	Models []string
	// RetryModelMissing retries Lockchat's "The model: `gpt-4` does not
	// exist" answer, which its rotating pool of upstream keys gives at random.
	RetryModelMissing bool
}

// Builtin returns the built-in provider presets by name.
func Builtin() map[string]Provider {
	return map[string]Provider{
		"lockchat": {
			Name: "lockchat", BaseURL: "http://super.lockchat.app/v1",
			Auth: AuthQuery, AuthParam: "auth", APIKey: LockchatToken,
			UserAgent: LockchatUserAgent, DefaultModel: "gpt-4",
			Models: []string{"gpt-4", "gpt-3.5-turbo"}, RetryModelMissing: true,
		},
		"openai": {
			Name: "openai", BaseURL: "https://api.openai.com/v1", Auth: AuthBearer,
			KeyEnv: "OPENAI_API_KEY", DefaultModel: "gpt-4o-mini",
			Models: []string{"gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-3.5-turbo"},
		},
		"ollama":     {Name: "ollama", BaseURL: "http://localhost:11434/v1", Auth: AuthNone, DefaultModel: "llama3.2"},
		"openrouter": {Name: "openrouter", BaseURL: "https://openrouter.ai/api/v1", Auth: AuthBearer, KeyEnv: "OPENROUTER_API_KEY", DefaultModel: "openai/gpt-4o-mini"},
		"lmstudio":   {Name: "lmstudio", BaseURL: "http://localhost:1234/v1", Auth: AuthNone},
		"llamacpp":   {Name: "llamacpp", BaseURL: "http://localhost:8080/v1", Auth: AuthNone},
		"vllm":       {Name: "vllm", BaseURL: "http://localhost:8000/v1", Auth: AuthNone},
	}
}

// BuiltinNames lists the built-in provider names in order.
func BuiltinNames() []string {
	names := make([]string, 0, 8)
	for n := range Builtin() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PublicBaseURL returns the base URL with any query and user information
// removed: safe to show and to store.
func PublicBaseURL(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.ForceQuery = false
	u.Fragment = ""
	return u.String()
}

// Host returns the host:port of the base URL, for messages.
func (p Provider) Host() string {
	u, err := url.Parse(p.BaseURL)
	if err != nil {
		return ""
	}
	return u.Host
}

// PlainHTTPKeyWarning returns a one-sentence warning when the user's key
// would travel unencrypted to a host that is not this machine, else "".
func (p Provider) PlainHTTPKeyWarning() string {
	if p.APIKey == "" || !p.KeyFromUser || p.Auth == AuthNone {
		return ""
	}
	u, err := url.Parse(p.BaseURL)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || isLoopback(u.Hostname()) {
		return ""
	}
	return "warning: your API key is sent over plain http to " + u.Hostname() + "; use an https base URL if the server supports it"
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
