package oneshot

import (
	"errors"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// begin records the prompt: in the conversation cfg.ResumeID names, whose
// branch in use is sent as history, or in a new one. It returns the
// messages that go before the prompt: no hidden system prompt, ever.
func begin(cfg Config) (*Saver, []client.Message, error) {
	p := cfg.Client.Provider()
	model := cfg.Request.Model
	if cfg.ResumeID == "" {
		conv := session.Conversation{ID: session.NewID(), Title: session.Title(cfg.Prompt),
			ProviderName: p.Name, Provider: client.StoredBaseURL(p), SystemPrompt: cfg.System}
		saver := NewSaver(cfg.Journal, conv, true, cfg.prompt(""), model)
		saver.baseURL = conv.Provider
		return saver, session.History(cfg.System, nil), nil
	}
	store := cfg.Journal.Store()
	if store == nil {
		return nil, nil, errors.New("continuing a conversation needs the conversation store, which could not be opened")
	}
	conv, msgs, err := store.Load(cfg.ResumeID)
	if err != nil {
		return nil, nil, err
	}
	path := session.NewTree(msgs).Path(conv.LeafID)
	parent := ""
	if len(path) > 0 {
		parent = path[len(path)-1].ID
	}
	saver := NewSaver(cfg.Journal, conv, false, cfg.prompt(parent), model)
	saver.baseURL = client.StoredBaseURL(p)
	if u, changed := update(conv, p, cfg); changed {
		saver.note(cfg.Journal.UpdateConversation(conv.ID, u))
	}
	system := conv.SystemPrompt
	if cfg.SystemChosen {
		system = cfg.System
	}
	return saver, session.History(system, path), nil
}

// update is what a continued conversation takes from this run: the system
// prompt the user named, and the server the request goes to, so that the
// next -c goes there too.
func update(conv session.Conversation, p client.Provider, cfg Config) (u session.ConversationUpdate, changed bool) {
	if cfg.SystemChosen && cfg.System != conv.SystemPrompt {
		u.SystemPrompt, changed = &cfg.System, true
	}
	base := client.StoredBaseURL(p)
	if p.Name != conv.ProviderName || base != conv.Provider {
		u.ProviderName, u.Provider, changed = &p.Name, &base, true
	}
	return u, changed
}
