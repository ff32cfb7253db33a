package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
)

// ListModels asks the server for its models (GET {base}/models) within
// Options.ModelsTimeout. Many servers have no such endpoint; callers treat
// an error as a note, not a failure.
func (c *Client) ListModels(ctx context.Context) ([]string, error) {
	ctx, cancel := withTimeout(ctx, c.opts.ModelsTimeout, context.DeadlineExceeded)
	defer cancel()
	u, err := c.endpoint("models")
	if err != nil {
		return nil, c.newError(KindBadBody, nil, "%v", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, c.newError(KindBadBody, nil, "%v", err)
	}
	req.Header.Set("Accept", "application/json")
	c.decorate(req)
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, c.newError(KindTimeout, nil, "The model list did not arrive in time.")
		}
		return nil, c.networkError(err, "")
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, c.networkError(err, "The model list broke off")
	}
	if resp.StatusCode != http.StatusOK {
		se := parseErrorBody(data)
		e := c.newError(KindHTTPStatus, nil, "The server has no model list (%s)", statusSentence(resp.StatusCode, http.StatusText(resp.StatusCode), se))
		e.Status = resp.StatusCode
		return nil, e
	}
	return parseModelList(data)
}

// parseModelList reads {"data":[{"id":...}]} (OpenAI) or {"models":[{"name"|"model":...}]} (Ollama's native list).
func parseModelList(data []byte) ([]string, error) {
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
		Models []struct {
			Name  string `json:"name"`
			Model string `json:"model"`
		} `json:"models"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, &Error{Kind: KindBadBody, Message: "The model list is not valid JSON."}
	}
	var ids []string
	for _, m := range list.Data {
		ids = append(ids, m.ID)
	}
	for _, m := range list.Models {
		ids = append(ids, firstNonEmpty(m.Name, m.Model))
	}
	return ids, nil
}

// MergeModels joins model lists, keeping the first occurrence of each name
// and the order given, then sorting the server's extra names after them.
func MergeModels(known []string, server []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range known {
		if m != "" && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	var extra []string
	for _, m := range server {
		if m != "" && !seen[m] {
			seen[m] = true
			extra = append(extra, m)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
