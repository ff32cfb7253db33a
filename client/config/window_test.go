package config

import (
	"strconv"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client"
)

const windowsFile = `
context_window = 4096
provider = "corp"
model = "big"

[providers.corp]
base_url = "http://corp.example/v1"
context_window = 16384

[providers.other]
base_url = "http://other.example/v1"
context_window = 2048

[models."big"]
context_window = 131072
vision = true

[models."small-text"]
vision = false
`

// TestContextWindowPrecedence: [models] > [providers] > top level.
func TestContextWindowPrecedence(t *testing.T) {
	s, err := Resolve(load(t, windowsFile), envOf(nil), Flags{})
	if err != nil {
		t.Fatal(err)
	}
	if s.ContextWindow != 131072 {
		t.Errorf("ContextWindow of big = %d, want its [models] table's 131072", s.ContextWindow)
	}
	if got := s.ContextWindowFor("small-text"); got != 16384 {
		t.Errorf("a model without its own window = %d, want the provider's 16384", got)
	}
	if m := s.ModelsTable["small-text"]; m.Vision == nil || *m.Vision || m.ContextWindow != 0 {
		t.Errorf("ModelsTable[small-text] = %+v, want vision false and no window", m)
	}

	s, err = Resolve(load(t, windowsFile), envOf(nil), Flags{Provider: "ollama", Model: "llama3.2"})
	if err != nil {
		t.Fatal(err)
	}
	if s.ContextWindow != 4096 {
		t.Errorf("a provider without a window = %d, want the top level's 4096 (not another provider's)", s.ContextWindow)
	}
	s, _ = Resolve(File{}, envOf(nil), Flags{})
	if s.ContextWindow != 0 || s.ModelsTable != nil {
		t.Errorf("no config: window %d, table %v; want none", s.ContextWindow, s.ModelsTable)
	}
}

func TestWindowSources(t *testing.T) {
	s, err := Resolve(load(t, "[models.\"tiny\"]\ncontext_window = 1000\n"), envOf(nil), Flags{})
	if err != nil {
		t.Fatal(err)
	}
	server := client.ModelInfo{ContextWindow: 32000}
	for _, tc := range []struct {
		model  string
		server client.ModelInfo
		want   int
		from   WindowSource
	}{
		{"tiny", server, 1000, WindowFromConfig},
		{"gpt-4", server, 32000, WindowFromServer},
		{"gpt-4", client.ModelInfo{}, 8192, WindowBuiltin},
		{"my-finetune", client.ModelInfo{}, 0, WindowUnknown},
	} {
		n, from := s.Window(tc.model, tc.server)
		if n != tc.want || from != tc.from {
			t.Errorf("Window(%q, %+v) = %d from %q, want %d from %q", tc.model, tc.server, n, from, tc.want, tc.from)
		}
	}
}

func TestVisionSources(t *testing.T) {
	s, err := Resolve(load(t, windowsFile), envOf(nil), Flags{})
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	for _, tc := range []struct {
		model  string
		server *bool
		want   any
	}{
		{"small-text", &yes, false}, // the config wins
		{"gpt-4", &yes, true},       // then the server
		{"gpt-4", nil, false},       // then the table
		{"gpt-4o", nil, true},
		{"my-finetune", nil, nil}, // unknown: images are sent
		{"my-finetune", &no, false},
	} {
		got := s.Vision(tc.model, client.ModelInfo{Vision: tc.server})
		var v any
		if got != nil {
			v = *got
		}
		if v != tc.want {
			t.Errorf("Vision(%q, server %v) = %v, want %v", tc.model, tc.server, v, tc.want)
		}
	}
}

// TestBadWindows: mistakes in the new keys are one sentence with the file
// and the line, like the rest of the config.
func TestBadWindows(t *testing.T) {
	for _, c := range []struct {
		name, text string
		line       int
		want       string
	}{
		{"unknown model key", "[models.\"gpt-4o\"]\ncontext_window = 128000\nvisoin = true\n", 3, `unknown key "models.gpt-4o.visoin"`},
		{"vision not a bool", "[models.\"gpt-4o\"]\n\nvision = \"yes\"\n", 3, `"models.gpt-4o.vision" must be a boolean`},
		{"window not a number", "context_window = \"big\"\n", 1, `"context_window" must be a number`},
		{"negative top level", "model = \"m\"\ncontext_window = -1\n\n[models.m]\ncontext_window = 10\n", 2, "context_window -1"},
		{"negative model", "context_window = 10\n[models.m]\ncontext_window = 5\n[models.'n']\ncontext_window = -8\n", 5, `model "n": context_window -8`},
		{"negative provider", "context_window = 10\n[providers.p]\nbase_url = \"http://p/v1\"\ncontext_window = -3\n", 4, `provider "p": context_window -3`},
	} {
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
			if want := "line " + strconv.Itoa(c.line) + ":"; !strings.Contains(msg, want) {
				t.Errorf("error %q does not contain %q", msg, want)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q does not contain %q", msg, c.want)
			}
		})
	}
}
