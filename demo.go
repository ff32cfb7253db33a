package main

import (
	"fmt"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/client/config"
)

// demoFileName is the store of --demo's conversations, beside the user's.
const demoFileName = "demo.db"

// startDemo serves canned markdown replies from a loopback server inside
// this process and points the settings at it: the real app, no network.
func startDemo(s *config.Settings) (func(), error) {
	srv, err := clienttest.New(clienttest.WithScript(clienttest.Demo()),
		clienttest.WithModels("gpt-4", "gpt-3.5-turbo", "gpt-4o", "gpt-4o-mini", "llama3.2", "qwen2.5-coder:7b",
			clienttest.DemoThinkingModel))
	if err != nil {
		return nil, fmt.Errorf("could not start the demo server: %v", err)
	}
	p := client.Builtin()["lockchat"]
	p.Name, p.BaseURL = "demo", srv.URL
	s.Provider = p
	if s.Model == "" || s.Model == client.Builtin()["lockchat"].DefaultModel {
		s.Model = p.DefaultModel
	}
	return srv.Close, nil
}
