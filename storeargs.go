package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// usageArgs is check with its failure made a usage error (exit status 2)
// in one sentence: why, then the command's synopsis.
func usageArgs(check cobra.PositionalArgs, why string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if check(cmd, args) != nil {
			return usageError{fmt.Errorf("%s: lockchat %s", why, cmd.Use)}
		}
		return nil
	}
}

// searchArgs wants a query with words in it. Cobra checks arguments
// before the store is opened, so a mistake creates nothing.
func searchArgs(cmd *cobra.Command, args []string) error {
	if err := usageArgs(cobra.MinimumNArgs(1), "search needs a QUERY (one that starts with a dash goes after --)")(cmd, args); err != nil {
		return err
	}
	if strings.TrimSpace(strings.Join(args, " ")) == "" {
		return usageError{errors.New("the search query is empty: give the words to look for, as in lockchat search QUERY")}
	}
	return nil
}
