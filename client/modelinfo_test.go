package client

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// metaServer answers GET paths with fixed JSON bodies (404 elsewhere) and
// records the paths asked for.
type metaServer struct {
	url   string
	mu    sync.Mutex
	paths []string
	auth  []string
}

func newMetaServer(t *testing.T, bodies map[string]string) *metaServer {
	t.Helper()
	m := &metaServer{}
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.paths = append(m.paths, r.URL.Path)
		m.auth = append(m.auth, r.Header.Get("Authorization"))
		m.mu.Unlock()
		body, ok := bodies[r.URL.Path]
		if !ok || r.Method != http.MethodGet {
			http.Error(w, `{"error":{"message":"no such endpoint"}}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})
	m.url = srv.URL
	return m
}

func (m *metaServer) asked() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.paths...)
}

func infoFor(t *testing.T, p Provider, model string) (ModelInfo, error) {
	t.Helper()
	return New(p, testOptions()).ModelInfo(t.Context(), model)
}

func TestModelInfoOpenRouter(t *testing.T) {
	m := newMetaServer(t, map[string]string{"/api/v1/models": `{"data":[
		{"id":"openai/gpt-4o-mini","context_length":128000,"architecture":{"input_modalities":["text","image"]},"top_provider":{"context_length":128000}},
		{"id":"deepseek/deepseek-chat","context_length":163840,"architecture":{"input_modalities":["text"]},"top_provider":{"context_length":64000}}]}`})
	p := Provider{Name: "openrouter", BaseURL: m.url + "/api/v1", Auth: AuthBearer, APIKey: "sk-or-secret"}
	info, err := infoFor(t, p, "deepseek/deepseek-chat")
	if err != nil {
		t.Fatal(err)
	}
	// The provider that serves the request may take less than the model can.
	if info.ContextWindow != 64000 || info.Vision == nil || *info.Vision {
		t.Errorf("info = %+v vision %v, want 64000 tokens, no images", info, deref(info.Vision))
	}
	info, _ = infoFor(t, p, "openai/gpt-4o-mini")
	if info.ContextWindow != 128000 || info.Vision == nil || !*info.Vision {
		t.Errorf("gpt-4o-mini info = %+v, want 128000 and images", info)
	}
	if got := m.asked(); len(got) != 2 || got[0] != "/api/v1/models" {
		t.Errorf("asked %v, want /api/v1/models only", got)
	}
	if m.auth[0] != "Bearer sk-or-secret" {
		t.Errorf("Authorization = %q, want the provider's key", m.auth[0])
	}
}

func TestModelInfoVLLM(t *testing.T) {
	m := newMetaServer(t, map[string]string{"/v1/models": `{"object":"list","data":[
		{"id":"Qwen/Qwen2.5-7B-Instruct","object":"model","owned_by":"vllm","max_model_len":32768}]}`})
	p := Provider{Name: "vllm", BaseURL: m.url + "/v1", Auth: AuthNone}
	info, err := infoFor(t, p, "Qwen/Qwen2.5-7B-Instruct")
	if err != nil || info.ContextWindow != 32768 || info.Vision != nil {
		t.Errorf("info = %+v, %v; want 32768 and vision unknown", info, err)
	}
	info, err = infoFor(t, p, "another-model")
	if err != nil || info.ContextWindow != 0 {
		t.Errorf("unlisted model: %+v, %v; want nothing known and no error", info, err)
	}
}

func TestModelInfoLlamaCppBothShapes(t *testing.T) {
	for name, body := range map[string]string{
		"newer": `{"default_generation_settings":{"n_ctx":65536,"params":{}},"total_slots":4,"modalities":{"vision":true,"audio":false}}`,
		"older": `{"n_ctx":4096,"total_slots":1,"model_path":"m.gguf"}`,
	} {
		t.Run(name, func(t *testing.T) {
			m := newMetaServer(t, map[string]string{"/props": body})
			p := Provider{Name: "llamacpp", BaseURL: m.url + "/v1", Auth: AuthNone}
			info, err := infoFor(t, p, "whatever-is-loaded")
			if err != nil {
				t.Fatal(err)
			}
			want, vision := 4096, (*bool)(nil)
			if name == "newer" {
				want, vision = 65536, ptrTo(true)
			}
			if info.ContextWindow != want || (vision == nil) != (info.Vision == nil) {
				t.Errorf("info = %+v, want %d tokens, vision %v", info, want, deref(vision))
			}
			if got := m.asked(); len(got) != 1 || got[0] != "/props" {
				t.Errorf("asked %v, want /props at the server's root", got)
			}
		})
	}
}

func TestModelInfoLMStudio(t *testing.T) {
	m := newMetaServer(t, map[string]string{"/api/v0/models": `{"object":"list","data":[
		{"id":"qwen2-vl-7b-instruct","object":"model","type":"vlm","state":"not-loaded","max_context_length":32768},
		{"id":"meta-llama-3.1-8b-instruct","object":"model","type":"llm","state":"loaded","max_context_length":131072,"loaded_context_length":8192}]}`})
	p := Provider{Name: "lmstudio", BaseURL: m.url + "/v1", Auth: AuthNone}
	info, err := infoFor(t, p, "qwen2-vl-7b-instruct")
	if err != nil || info.ContextWindow != 32768 || info.Vision == nil || !*info.Vision {
		t.Errorf("vlm info = %+v, %v; want 32768 and images", info, err)
	}
	info, _ = infoFor(t, p, "meta-llama-3.1-8b-instruct")
	if info.ContextWindow != 8192 || info.Vision == nil || *info.Vision {
		t.Errorf("loaded llm info = %+v, want the loaded 8192 and no images", info)
	}
}

// TestModelInfoUnknownKindTriesEachWay: a provider of the user's own is
// asked each way in turn until one answers.
func TestModelInfoUnknownKindTriesEachWay(t *testing.T) {
	m := newMetaServer(t, map[string]string{
		"/v1/models": `{"object":"list","data":[{"id":"local","object":"model"}]}`,
		"/props":     `{"default_generation_settings":{"n_ctx":16384}}`,
	})
	p := Provider{Name: "homelab", BaseURL: m.url + "/v1", Auth: AuthNone}
	info, err := infoFor(t, p, "local")
	if err != nil || info.ContextWindow != 16384 {
		t.Fatalf("info = %+v, %v; want 16384 from /props", info, err)
	}
	if got := m.asked(); strings.Join(got, " ") != "/v1/models /props" {
		t.Errorf("asked %v, want /v1/models then /props, and nothing after an answer", got)
	}
}

func TestModelInfoNotAskedWhereNothingIsSaid(t *testing.T) {
	for _, name := range []string{"openai", "lockchat", "ollama"} {
		m := newMetaServer(t, nil)
		p := Provider{Name: name, BaseURL: m.url + "/v1", Auth: AuthNone}
		info, err := infoFor(t, p, "gpt-4o")
		if err != nil || info != (ModelInfo{}) || len(m.asked()) != 0 {
			t.Errorf("%s: info %+v, err %v, asked %v; want no request", name, info, err, m.asked())
		}
	}
}

// TestModelInfoFailuresAreNotes: a server that fails, lies or hangs gives
// an error within the models deadline, never a panic or a wait.
func TestModelInfoFailuresAreNotes(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"500":      func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "boom", 500) },
		"not json": func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>hi</html>")) },
		"hangs":    func(_ http.ResponseWriter, r *http.Request) { stall(r) },
	} {
		t.Run(name, func(t *testing.T) {
			srv := handlerServer(t, h)
			o := testOptions()
			o.ModelsTimeout = 300 * time.Millisecond
			c := New(Provider{Name: "vllm", BaseURL: srv.URL + "/v1", Auth: AuthNone}, o)
			info, err := c.ModelInfo(t.Context(), "m")
			if err == nil || info != (ModelInfo{}) {
				t.Fatalf("info %+v, err %v; want an error and nothing known", info, err)
			}
			want := map[string]ErrorKind{"500": KindHTTPStatus, "not json": KindBadBody, "hangs": KindTimeout}[name]
			if k := errKind(t, err); k != want {
				t.Errorf("kind %s, want %s (%v)", k, want, err)
			}
		})
	}
}

func TestModelInfoKeepsQueryTokenSecret(t *testing.T) {
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "denied for "+r.URL.String(), http.StatusUnauthorized)
	})
	p := Provider{Name: "homelab", BaseURL: srv.URL + "/v1", Auth: AuthQuery, AuthParam: "auth", APIKey: "tok-s3cr3t-value"}
	_, err := infoFor(t, p, "m")
	if err == nil || strings.Contains(err.Error(), "tok-s3cr3t-value") {
		t.Fatalf("err = %v: want an error without the token", err)
	}
}

func TestServerURL(t *testing.T) {
	for base, want := range map[string]string{
		"http://h:8080/v1":      "http://h:8080/props",
		"http://h:8080/v1/":     "http://h:8080/props",
		"http://h:8080":         "http://h:8080/props",
		"http://h/llama/v1":     "http://h/llama/props",
		"http://h/v1?auth=tok0": "http://h/props?auth=tok0",
	} {
		p := Provider{BaseURL: base, Auth: AuthNone}
		if strings.Contains(base, "auth=") {
			p = Provider{BaseURL: strings.Split(base, "?")[0], Auth: AuthQuery, AuthParam: "auth", APIKey: "tok0"}
		}
		got, err := New(p, testOptions()).serverURL("props")
		if err != nil || got != want {
			t.Errorf("serverURL(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
}

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}
