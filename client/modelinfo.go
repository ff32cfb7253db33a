package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// ModelInfo is what is known about a model beyond its name.
type ModelInfo struct {
	// ContextWindow is how many tokens a request and its reply may hold
	// together; 0 means unknown.
	ContextWindow int
	// Vision says whether the model takes images; nil means unknown.
	Vision *bool
}

// ModelInfo asks the server what it says about model, within
// Options.ModelsTimeout: OpenRouter's and vLLM's model lists
// (context_length, max_model_len), llama.cpp's /props (n_ctx) and
// LM Studio's /api/v0/models (max_context_length). Providers known to say
// nothing (OpenAI, Lockchat, Ollama) are not asked; a server of unknown
// kind is asked each way in turn. A zero ModelInfo with a nil error means
// the server said nothing. Callers treat an error as a note: the chat
// goes on without the information.
func (c *Client) ModelInfo(ctx context.Context, model string) (ModelInfo, error) {
	ctx, cancel := withTimeout(ctx, c.opts.ModelsTimeout, context.DeadlineExceeded)
	defer cancel()
	var firstErr error
	answered := false
	for _, ask := range c.infoSources() {
		info, err := ask(ctx, model)
		if err == nil && (info.ContextWindow > 0 || info.Vision != nil) {
			return info, nil
		}
		answered = answered || err == nil
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if answered {
		return ModelInfo{}, nil // a server that answers one way need not know the others
	}
	return ModelInfo{}, firstErr
}

type infoSource func(ctx context.Context, model string) (ModelInfo, error)

// infoSources lists the ways this provider may describe its models.
func (c *Client) infoSources() []infoSource {
	switch kind := c.providerKind(); kind {
	case "openrouter", "vllm":
		return []infoSource{c.infoFromModelList}
	case "llamacpp":
		return []infoSource{c.infoFromProps}
	case "lmstudio":
		return []infoSource{c.infoFromLMStudio}
	case "openai", "lockchat", "ollama":
		return nil
	}
	return []infoSource{c.infoFromModelList, c.infoFromProps, c.infoFromLMStudio}
}

// providerKind names the server software: the built-in preset's name, or
// for a provider of the user's own, what its host gives away.
func (c *Client) providerKind() string {
	if _, ok := Builtin()[c.provider.Name]; ok {
		return c.provider.Name
	}
	if h := strings.ToLower(c.provider.Host()); h == "openrouter.ai" || strings.HasSuffix(h, ".openrouter.ai") {
		return "openrouter"
	}
	return ""
}

// infoFromModelList reads GET {base}/models: OpenRouter's context_length
// and input_modalities, or vLLM's max_model_len.
func (c *Client) infoFromModelList(ctx context.Context, model string) (ModelInfo, error) {
	var list struct {
		Data []struct {
			ID            string `json:"id"`
			ContextLength int    `json:"context_length"`
			MaxModelLen   int    `json:"max_model_len"`
			TopProvider   struct {
				ContextLength int `json:"context_length"`
			} `json:"top_provider"`
			Architecture struct {
				InputModalities []string `json:"input_modalities"`
			} `json:"architecture"`
		} `json:"data"`
	}
	if err := c.getJSON(ctx, c.endpoint, "models", &list); err != nil {
		return ModelInfo{}, err
	}
	for _, m := range list.Data {
		if m.ID != model {
			continue
		}
		info := ModelInfo{ContextWindow: firstPositive(m.TopProvider.ContextLength, m.ContextLength, m.MaxModelLen)}
		if mods := m.Architecture.InputModalities; len(mods) > 0 {
			info.Vision = ptrTo(containsFold(mods, "image"))
		}
		return info, nil
	}
	return ModelInfo{}, nil
}

// infoFromProps reads llama.cpp's GET /props. The server holds one model,
// so the name is not checked. n_ctx moved under default_generation_settings
// in later versions; both places are read.
func (c *Client) infoFromProps(ctx context.Context, _ string) (ModelInfo, error) {
	var props struct {
		NCtx     int `json:"n_ctx"`
		Defaults struct {
			NCtx int `json:"n_ctx"`
		} `json:"default_generation_settings"`
		Modalities *struct {
			Vision bool `json:"vision"`
		} `json:"modalities"`
	}
	if err := c.getJSON(ctx, c.serverURL, "props", &props); err != nil {
		return ModelInfo{}, err
	}
	info := ModelInfo{ContextWindow: firstPositive(props.Defaults.NCtx, props.NCtx)}
	if props.Modalities != nil {
		info.Vision = ptrTo(props.Modalities.Vision)
	}
	return info, nil
}

// infoFromLMStudio reads LM Studio's GET /api/v0/models, whose entries say
// the most context a model can be loaded with and whether it sees images
// (type "vlm" rather than "llm").
func (c *Client) infoFromLMStudio(ctx context.Context, model string) (ModelInfo, error) {
	var list struct {
		Data []struct {
			ID                  string `json:"id"`
			Type                string `json:"type"`
			MaxContextLength    int    `json:"max_context_length"`
			LoadedContextLength int    `json:"loaded_context_length"`
		} `json:"data"`
	}
	if err := c.getJSON(ctx, c.serverURL, "api/v0/models", &list); err != nil {
		return ModelInfo{}, err
	}
	for _, m := range list.Data {
		if m.ID != model {
			continue
		}
		info := ModelInfo{ContextWindow: firstPositive(m.LoadedContextLength, m.MaxContextLength)}
		switch m.Type {
		case "vlm":
			info.Vision = ptrTo(true)
		case "llm":
			info.Vision = ptrTo(false)
		}
		return info, nil
	}
	return ModelInfo{}, nil
}

// serverURL is endpoint for a path at the server's root rather than under
// its /v1 API, where llama.cpp and LM Studio keep their own endpoints.
func (c *Client) serverURL(path string) (string, error) {
	full, err := c.endpoint(path)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(full)
	if err != nil {
		return "", err
	}
	api := strings.TrimSuffix(u.Path, "/"+path)
	u.Path, u.RawPath = strings.TrimSuffix(api, "/v1")+"/"+path, ""
	return u.String(), nil
}

// maxInfoBody bounds a metadata answer (OpenRouter's list is about 1 MB).
const maxInfoBody = 8 << 20

// getJSON fetches path, placed by where (endpoint for the API's paths,
// serverURL for the server's own), with the provider's credentials and
// decodes its JSON.
func (c *Client) getJSON(ctx context.Context, where func(string) (string, error), path string, v any) error {
	u, err := where(path)
	if err != nil {
		return c.newError(KindBadBody, nil, "%v", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return c.newError(KindBadBody, nil, "%v", err)
	}
	req.Header.Set("Accept", "application/json")
	c.decorate(req)
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return c.newError(KindTimeout, nil, "The model's details did not arrive in time.")
		}
		return c.networkError(err, "")
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxInfoBody))
	if err != nil {
		return c.networkError(err, "The model's details broke off")
	}
	if resp.StatusCode != http.StatusOK {
		e := c.newError(KindHTTPStatus, nil, "The server gave no model details (%s)",
			statusSentence(resp.StatusCode, http.StatusText(resp.StatusCode), parseErrorBody(data)))
		e.Status = resp.StatusCode
		return e
	}
	if err := json.Unmarshal(data, v); err != nil {
		return c.newError(KindBadBody, nil, "The model's details are not valid JSON: %s", excerpt(data))
	}
	return nil
}

func firstPositive(ns ...int) int {
	for _, n := range ns {
		if n > 0 {
			return n
		}
	}
	return 0
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func ptrTo[T any](v T) *T { return &v }
