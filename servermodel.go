package main

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/lockchat/lockchat/client"
)

// serverModel is the model one-shot mode uses when nothing names one and
// the provider has no default (llama.cpp, vLLM and LM Studio serve what
// they loaded): the first the server lists. An error is one sentence, a
// failed request (exit status 1).
func serverModel(ctx context.Context, c *client.Client) (string, error) {
	ids, err := c.ListModels(ctx)
	if err != nil {
		return "", noServerModel(c.Provider(), err)
	}
	for _, id := range ids {
		if id != "" {
			return id, nil
		}
	}
	return "", errors.New("no model was named and the server at " + c.Provider().Host() +
		" lists none: name one with -m MODEL")
}

// noServerModel explains a model list that could not be had: a server
// that can't be reached says so in the client's words; one that answered
// without a list is told to be given a model.
func noServerModel(p client.Provider, err error) error {
	why := strings.TrimSuffix(err.Error(), ".")
	if ce, ok := client.AsError(err); ok {
		switch {
		case ce.Kind == client.KindNetwork || ce.Kind == client.KindTimeout:
			return err
		case ce.Status != 0:
			why = "HTTP " + strconv.Itoa(ce.Status)
		}
	}
	return errors.New("no model was named and the server at " + p.Host() + " did not list its models (" +
		why + "): name one with -m MODEL")
}
