package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/config"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui"
)

// settings loads the config file (once) and resolves flags, environment
// and file; ctx ending (a signal) stops an api_key_cmd still running.
func (a *app) settings(ctx context.Context) (config.Settings, error) {
	s, err := a.resolve(ctx, a.flags)
	if err == nil {
		a.base, a.haveBase = s, true
	}
	return s, err
}

// resolve is settings for the given flags.
func (a *app) resolve(ctx context.Context, fl config.Flags) (config.Settings, error) {
	if !a.haveFile {
		path, required := a.configPath, a.configPath != ""
		if path == "" {
			path = config.DefaultPath()
		}
		file, err := config.Load(path, required)
		if err != nil {
			return config.Settings{}, usageError{err}
		}
		a.file, a.haveFile = file, true
	}
	s, err := config.ResolveContext(ctx, a.file, os.Getenv, fl)
	if err != nil {
		return s, usageError{err}
	}
	// Every mode checks [keys], so a mistake is found the first time, not
	// when the chat is next opened.
	if _, err := ui.DefaultKeyMap().ApplyKeys(s.Keys); err != nil {
		var ke *ui.KeyError
		if errors.As(err, &ke) {
			err = a.file.ErrorAt("keys", ke.Action, ke.Msg)
		}
		return s, usageError{err}
	}
	return s, nil
}

// resumed returns the conversation -c or --resume names, or the zero
// Conversation for a new one. An unknown or ambiguous --resume is a usage
// error, found before any request is sent or the screen opens; -c with
// nothing saved yet starts a new conversation, and says so.
func (a *app) resumed(j *session.Journal, oneShot bool) (session.Conversation, error) {
	if !a.cont && a.resume == "" {
		return session.Conversation{}, nil
	}
	var store *session.Store
	if j != nil {
		store = j.Store()
	}
	if store == nil {
		if oneShot {
			return session.Conversation{}, errors.New("continuing a conversation needs the conversation store, which could not be opened")
		}
		return session.Conversation{}, nil // the chat says so when it tries to open it
	}
	ref := a.resume
	if a.cont {
		ref = session.LastWord
	}
	id, err := store.Resolve(ref)
	switch {
	case a.cont && errors.Is(err, session.ErrNotFound):
		if oneShot {
			fmt.Fprintln(a.stderr, "lockchat: there is no saved conversation to continue yet: starting a new one.")
		}
		return session.Conversation{}, nil
	case errors.Is(err, session.ErrNotFound), errors.Is(err, session.ErrAmbiguous), errors.Is(err, session.ErrInvalid):
		return session.Conversation{}, usageError{fmt.Errorf("--resume %s: %w", ref, err)}
	case err != nil:
		return session.Conversation{}, err
	}
	return store.Conversation(id)
}

// providerChosen says the command line or the environment named the
// provider: every conversation then goes there.
func (a *app) providerChosen() bool {
	return a.flags.Provider != "" || os.Getenv("LOCKCHAT_PROVIDER") != ""
}

// modelChosen says the model was named, or follows a chosen provider:
// a resumed conversation then does not bring its own.
func (a *app) modelChosen() bool {
	return a.flags.Model != "" || os.Getenv("LOCKCHAT_MODEL") != "" || a.providerChosen()
}

// flagsFor returns the flags that reach the server a conversation was
// held with: its provider and model, unless the command line or the
// environment name others, and the base URL it was held at (base, which
// replaces the provider's own once resolved) unless they name another.
// A conversation saved before the provider was kept, or one of --demo's,
// brings nothing.
func (a *app) flagsFor(conv session.Conversation) (fl config.Flags, base string) {
	fl = a.flags
	if a.demo || conv.ID == "" {
		return fl, ""
	}
	if !a.modelChosen() && conv.Model != "" {
		fl.Model = conv.Model
	}
	if conv.ProviderName == "" || a.providerChosen() {
		return fl, ""
	}
	fl.Provider = conv.ProviderName
	if fl.BaseURL == "" && os.Getenv("LOCKCHAT_BASE_URL") == "" {
		base = conv.Provider
	}
	return fl, base
}

// settingsFor resolves the settings for a conversation (see flagsFor) as
// if its provider had been given with --provider: keys still come only
// from the environment, api_key_cmd or the config file. A provider that
// no longer exists is a usage error: nothing is sent elsewhere instead.
func (a *app) settingsFor(ctx context.Context, conv session.Conversation) (config.Settings, error) {
	fl, base := a.flagsFor(conv)
	var s config.Settings
	switch {
	case a.haveBase && (fl.Provider == a.flags.Provider || fl.Provider == a.base.Provider.Name):
		// The same provider: resolved already, so api_key_cmd need not
		// run again; only the model may differ.
		s = a.base
		if fl.Model != "" {
			s.Model = fl.Model
		}
	case !a.providerDefined(fl.Provider):
		return config.Settings{}, usageError{fmt.Errorf(
			"the conversation was held with provider %q, which is no longer built in or in the config file: "+
				"define [providers.%s] again or name one with --provider", fl.Provider, fl.Provider)}
	default:
		var err error
		if s, err = a.resolve(ctx, fl); err != nil {
			return s, err
		}
	}
	// The store keeps a base URL without its auth parameter: the
	// provider's own keeps it when it is the same server.
	if base != "" && client.StoredBaseURL(s.Provider) != base {
		s.Provider.BaseURL = base
	}
	return s, nil
}

// providerDefined says name is a built-in preset or a table of the config
// file.
func (a *app) providerDefined(name string) bool {
	_, builtin := client.Builtin()[name]
	_, inFile := a.file.Providers[name]
	return builtin || inFile
}

// connector returns the chat's Options.Connect: the client for each
// conversation opened, built once per server. current is the client the
// chat started with, for the conversation resumed (zero for none).
func (a *app) connector(ctx context.Context, current *client.Client, resumed session.Conversation, j *session.Journal) func(session.Conversation) (ui.Chatter, error) {
	key := func(conv session.Conversation) string {
		fl, base := a.flagsFor(conv)
		return fl.Provider + "\x00" + fl.BaseURL + "\x00" + base
	}
	var mu sync.Mutex
	clients := map[string]*client.Client{key(resumed): current}
	return func(conv session.Conversation) (ui.Chatter, error) {
		k := key(conv)
		mu.Lock()
		defer mu.Unlock()
		if c, ok := clients[k]; ok {
			return c, nil
		}
		s, err := a.settingsFor(ctx, conv)
		if err != nil {
			return nil, err
		}
		s.Options.ReadInterval = ui.ReadInterval
		rememberedPrefs(&s, j)
		c := client.New(s.Provider, s.Options)
		clients[k] = c
		return c, nil
	}
}
