package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// A message with images goes out with content as an array of parts (the
// text, then each image as a data URL); one without keeps a string.
func TestImagesAreSentAsContentParts(t *testing.T) {
	bodies := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- b
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	}))
	defer srv.Close()
	c := New(Provider{Name: "t", BaseURL: srv.URL + "/v1", Auth: AuthNone}, Options{})
	st := c.Stream(context.Background(), Request{Model: "m", Messages: []Message{
		{Role: RoleSystem, Content: "s"},
		{Role: RoleUser, Content: "what is this?", Images: []Image{{MediaType: "image/png", Data: []byte("PNG!")}}},
	}})
	for range st.Events() {
	}
	if err := st.Err(); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Messages []json.RawMessage `json:"messages"`
	}
	if err := json.Unmarshal(<-bodies, &got); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"role":"system","content":"s"}`,
		`{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,UE5HIQ=="}}]}`,
	}
	for i, w := range want {
		if i >= len(got.Messages) || string(got.Messages[i]) != w {
			t.Errorf("message %d:\n got %s\nwant %s", i, got.Messages, w)
		}
	}
}
