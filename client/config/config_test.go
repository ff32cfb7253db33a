package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client"
)

func envOf(m map[string]string) Env { return func(k string) string { return m[k] } }

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T, text string) File {
	t.Helper()
	f, err := Load(writeFile(t, text), true)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func ptr[T any](v T) *T { return &v }

func TestDefaults(t *testing.T) {
	s, err := Resolve(File{}, envOf(nil), Flags{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Provider
	if p.Name != "lockchat" || p.BaseURL != "http://super.lockchat.app/v1" || p.Auth != client.AuthQuery ||
		p.AuthParam != "auth" || p.APIKey != client.LockchatToken || p.UserAgent != client.LockchatUserAgent || !p.RetryModelMissing {
		t.Errorf("default provider = %+v", p)
	}
	if s.Model != "gpt-4" || s.Temperature != 0.7 || s.System != "" || s.Options.MaxRetries != 3 {
		t.Errorf("defaults = model %q temp %v system %q retries %d", s.Model, s.Temperature, s.System, s.Options.MaxRetries)
	}
	if s.Options.RetryAfterMax != 30*time.Second {
		t.Errorf("default max_retry_wait = %v, want 30s", s.Options.RetryAfterMax)
	}
	if !s.Options.NoPartial {
		t.Error("the client holds a copy of every reply for its errors; lockchat keeps the text itself")
	}
}

// TestPrecedence: flags > environment > file > defaults, key by key.
func TestPrecedence(t *testing.T) {
	f := load(t, `
provider = "ollama"
model = "file-model"
temperature = 0.2
max_retries = 5
timeout = "40s"
max_retry_wait = "2m"
system = "file system"
`)
	env := map[string]string{"LOCKCHAT_PROVIDER": "vllm", "LOCKCHAT_MODEL": "env-model", "LOCKCHAT_BASE_URL": "http://env.example/v1"}
	fl := Flags{Provider: "lmstudio", Model: "flag-model", BaseURL: "http://flag.example/v1", Temperature: ptr(1.5),
		MaxRetries: ptr(0), Timeout: ptr(9 * time.Second), System: "flag system"}

	s, _ := Resolve(f, envOf(nil), Flags{})
	if s.Provider.Name != "ollama" || s.Model != "file-model" || s.Temperature != 0.2 || s.Options.MaxRetries != 5 ||
		s.Options.Timeout != 40*time.Second || s.Options.RetryAfterMax != 2*time.Minute || s.System != "file system" {
		t.Errorf("file over defaults: %+v", s)
	}
	s, _ = Resolve(f, envOf(env), Flags{})
	if s.Provider.Name != "vllm" || s.Model != "env-model" || s.Provider.BaseURL != "http://env.example/v1" || s.Temperature != 0.2 {
		t.Errorf("env over file: provider %q model %q base %q", s.Provider.Name, s.Model, s.Provider.BaseURL)
	}
	s, _ = Resolve(f, envOf(env), fl)
	if s.Provider.Name != "lmstudio" || s.Model != "flag-model" || s.Provider.BaseURL != "http://flag.example/v1" ||
		s.Temperature != 1.5 || s.Options.MaxRetries != 0 || s.Options.Timeout != 9*time.Second || s.System != "flag system" {
		t.Errorf("flags over env: %+v", s)
	}
	s, _ = Resolve(File{}, envOf(nil), Flags{Temperature: ptr(0.0)})
	if s.Temperature != 0 {
		t.Errorf("an explicit temperature of 0 became %v", s.Temperature)
	}
}

// TestBaseURLKeepsProvider: --base-url replaces only the URL.
func TestBaseURLKeepsProvider(t *testing.T) {
	s, err := Resolve(File{}, envOf(nil), Flags{BaseURL: "http://127.0.0.1:9/v1"})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Provider
	if p.BaseURL != "http://127.0.0.1:9/v1" || p.Auth != client.AuthQuery || p.AuthParam != "auth" ||
		p.APIKey != client.LockchatToken || p.UserAgent != client.LockchatUserAgent || !p.RetryModelMissing || s.Model != "gpt-4" {
		t.Errorf("provider after --base-url = %+v", p)
	}
	s, _ = Resolve(File{}, envOf(nil), Flags{BaseURL: "http://127.0.0.1:9/v1", UserAgent: "mine/1"})
	if s.Provider.UserAgent != "mine/1" {
		t.Errorf("--user-agent ignored: %q", s.Provider.UserAgent)
	}
}

func TestKeysFromEnvironment(t *testing.T) {
	s, _ := Resolve(File{}, envOf(map[string]string{"LOCKCHAT_API_KEY": "tok-env-1234"}), Flags{})
	if s.Provider.APIKey != "tok-env-1234" || s.Provider.Auth != client.AuthQuery || !s.Provider.KeyFromUser {
		t.Errorf("LOCKCHAT_API_KEY on lockchat: %+v", s.Provider)
	}
	s, _ = Resolve(File{}, envOf(map[string]string{"OPENAI_API_KEY": "sk-openai"}), Flags{Provider: "openai"})
	if s.Provider.APIKey != "sk-openai" || s.Provider.Auth != client.AuthBearer || s.Provider.BaseURL != "https://api.openai.com/v1" {
		t.Errorf("OPENAI_API_KEY: %+v", s.Provider)
	}
	s, _ = Resolve(File{}, envOf(map[string]string{"OPENAI_API_KEY": "sk-openai", "LOCKCHAT_API_KEY": "sk-over"}), Flags{Provider: "openai"})
	if s.Provider.APIKey != "sk-over" {
		t.Errorf("LOCKCHAT_API_KEY does not replace the provider's key: %q", s.Provider.APIKey)
	}
	s, _ = Resolve(File{}, envOf(map[string]string{"OPENAI_API_KEY": "sk-openai"}), Flags{})
	if s.Provider.APIKey != client.LockchatToken {
		t.Errorf("OPENAI_API_KEY leaked into lockchat: %q", s.Provider.APIKey)
	}
}

func TestCustomProvider(t *testing.T) {
	f := load(t, `
provider = "corp"
[providers.corp]
base_url = "https://llm.corp.example/v1"
auth = "header"
auth_param = "X-Api-Key"
api_key_env = "CORP_KEY"
user_agent = "corp-agent/2"
default_model = "corp-large"
models = ["corp-large", "corp-small"]
headers = { "X-Team" = "search" }

[providers.q]
base_url = "http://q.example/v1"
auth = "query"
auth_param = "key"
api_key_cmd = "printf 'from-cmd-9876\nsecond line\n'"
default_model = "qm"
`)
	s, err := Resolve(f, envOf(map[string]string{"CORP_KEY": "corp-secret"}), Flags{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Provider
	if p.BaseURL != "https://llm.corp.example/v1" || p.Auth != client.AuthHeader || p.AuthParam != "X-Api-Key" ||
		p.APIKey != "corp-secret" || p.UserAgent != "corp-agent/2" || s.Model != "corp-large" ||
		p.Headers["X-Team"] != "search" || strings.Join(p.Models, ",") != "corp-large,corp-small" || p.RetryModelMissing {
		t.Errorf("corp provider = %+v", p)
	}
	s, err = Resolve(f, envOf(nil), Flags{Provider: "q"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Provider.APIKey != "from-cmd-9876" || s.Provider.Auth != client.AuthQuery || s.Provider.AuthParam != "key" {
		t.Errorf("q provider = %+v", s.Provider)
	}
}

func TestResolveErrors(t *testing.T) {
	f := load(t, `
[providers.nourl]
default_model = "x"
[providers.failing]
base_url = "http://f.example/v1"
api_key_cmd = "exit 3"
default_model = "x"
`)
	cases := map[string]string{"nope": "unknown provider", "nourl": "no base_url", "failing": "api_key_cmd failed"}
	for name, want := range cases {
		_, err := Resolve(f, envOf(nil), Flags{Provider: name})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("provider %q: error %v, want %q", name, err, want)
		}
	}
}

// TestBadBaseURL: a base URL that can't be one, from a flag, the
// environment or the file, stops every mode before any request.
func TestBadBaseURL(t *testing.T) {
	f := File{Providers: map[string]ProviderFile{"x": {BaseURL: "localhost:8080/v1", DefaultModel: "m"}}}
	cases := []struct {
		name string
		env  map[string]string
		fl   Flags
		want string
	}{
		{"flag", nil, Flags{BaseURL: "::not a url"}, `"::not a url" is not a URL`},
		{"flag scheme", nil, Flags{BaseURL: "ftp://files.example/v1"}, "only http and https"},
		{"environment", map[string]string{"LOCKCHAT_BASE_URL": "ftp://files.example/v1"}, Flags{}, "only http and https"},
		{"file", nil, Flags{Provider: "x"}, `provider "x": the base URL "localhost:8080/v1" has no scheme`},
	}
	for _, c := range cases {
		_, err := Resolve(f, envOf(c.env), c.fl)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// TestBadFile: one sentence naming the file, the line and the problem.
func TestBadFile(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		want       string
	}{
		{"syntax", "model = \"gpt-4\"\ntemperature = = 1\n", 2, ""},
		{"unterminated string", "model = \"gpt-4\nprovider = \"x\"\n", 1, ""},
		{"unknown key", "model = \"m\"\n\ntemprature = 0.5\n", 3, `unknown key "temprature"`},
		{"unknown provider key", "[providers.x]\nbase_url = \"http://x/v1\"\napi_key = \"k\"\n", 3, "api_key"},
		{"wrong type", "model = \"m\"\ntemperature = \"hot\"\n", 2, `"temperature" must be a number, not a string`},
		{"wrong type bool", "\nmouse = 3\n", 2, `"mouse" must be a`},
		{"stream_usage not a bool", "model = \"m\"\nstream_usage = \"no\"\n", 2, `"stream_usage" must be a boolean, not a string`},
		{"provider stream_usage not a bool", "[providers.x]\nbase_url = \"http://x/v1\"\nstream_usage = 0\n", 3, `"providers.x.stream_usage" must be a boolean, not a number`},
		{"bad duration", "timeout = \"soon\"\n", 1, "duration"},
		{"bad retry wait", "model = \"m\"\nmax_retry_wait = \"a day\"\n", 2, "duration"},
		{"bad value", "model = \"m\"\ntemperature = 7\n", 2, "between 0 and 2"},
		{"bad retries", "max_retries = -1\n", 1, "max_retries"},
		{"bad reply limit", "model = \"m\"\nmax_reply_bytes = 0\n", 2, "max_reply_bytes must be a positive number of bytes"},
		{"temperature nan", "temperature = nan\n", 1, "between 0 and 2"},
		{"bad base_url", "[providers.x]\nauth = \"none\"\nbase_url = \"ftp://x.example/v1\"\n", 3, `provider "x": the base URL "ftp://x.example/v1" uses ftp`},
		{"bad auth", "[providers.x]\nbase_url = \"http://x/v1\"\nauth = \"magic\"\n", 3, "auth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, c.text)
			_, err := Load(path, true)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || strings.Contains(msg, "\n") {
				t.Errorf("error %q does not name the file in one line", msg)
			}
			if want := "line " + strconv.Itoa(c.line); !strings.Contains(msg, want) {
				t.Errorf("error %q does not contain %q", msg, want)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q does not contain %q", msg, c.want)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.toml")
	if _, err := Load(missing, false); err != nil {
		t.Errorf("a missing default file is an error: %v", err)
	}
	if _, err := Load(missing, true); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("a missing --config file: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/x/cfg")
	if got := DefaultPath(); got != "/x/cfg/lockchat/config.toml" {
		t.Errorf("DefaultPath = %q", got)
	}
}

func TestErrorAtNamesTheLineInItsTable(t *testing.T) {
	path := writeFile(t, "model = \"m\"\n[keys]\n# a comment\nquit = []\n\"send\" = [\"ctrl+s\"]\n")
	f, err := Load(path, true)
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{"quit": 4, "send": 5, "stop": 0} {
		want := fmt.Sprintf("config file %s, line %d: nope", path, line)
		if line == 0 {
			want = fmt.Sprintf("config file %s: nope", path)
		}
		if got := f.ErrorAt("keys", key, "nope").Error(); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
}

// TestStreamUsage: stream_usage turns the usage request off at the top
// level or for one provider, the provider's table winning.
func TestStreamUsage(t *testing.T) {
	cases := []struct {
		name, text string
		want       bool
	}{
		{"default", "", true},
		{"top level off", "stream_usage = false\n", false},
		{"provider off", "provider = \"ollama\"\n[providers.ollama]\nstream_usage = false\n", false},
		{"other provider off", "provider = \"ollama\"\n[providers.openai]\nstream_usage = false\n", true},
		{"provider back on", "provider = \"ollama\"\nstream_usage = false\n[providers.ollama]\nstream_usage = true\n", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Resolve(load(t, c.text), envOf(nil), Flags{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Options.NoStreamUsage == c.want {
				t.Errorf("NoStreamUsage = %v, want %v", s.Options.NoStreamUsage, !c.want)
			}
		})
	}
}

// TestMaxReplyBytes: 16 MiB unless the file says otherwise.
func TestMaxReplyBytes(t *testing.T) {
	s, err := Resolve(File{}, envOf(nil), Flags{})
	if err != nil || s.MaxReplyBytes != 16<<20 {
		t.Errorf("default: %d (%v), want 16 MiB", s.MaxReplyBytes, err)
	}
	s, err = Resolve(load(t, "max_reply_bytes = 4096\n"), envOf(nil), Flags{})
	if err != nil || s.MaxReplyBytes != 4096 {
		t.Errorf("from the file: %d (%v), want 4096", s.MaxReplyBytes, err)
	}
}

// TestNoDefaultModel: a provider with no default model (llama.cpp, vLLM,
// LM Studio) resolves with no model, for the caller to ask the server;
// a model named anywhere still wins.
func TestNoDefaultModel(t *testing.T) {
	for _, name := range []string{"llamacpp", "vllm", "lmstudio"} {
		s, err := Resolve(File{}, envOf(nil), Flags{Provider: name})
		if err != nil || s.Model != "" {
			t.Errorf("provider %q: model %q, error %v; want no model and no error", name, s.Model, err)
		}
	}
	f := load(t, "model = \"file-model\"\n")
	if s, err := Resolve(f, envOf(nil), Flags{Provider: "vllm"}); err != nil || s.Model != "file-model" {
		t.Errorf("with a model in the file: model %q, error %v", s.Model, err)
	}
}
