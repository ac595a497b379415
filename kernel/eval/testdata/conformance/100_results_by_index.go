package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

type result struct {
	value string
	err   error
}

func fetch(url string) (string, error) {
	if strings.Contains(url, "bad") {
		return "", errors.New("cannot fetch " + url)
	}
	return strings.ToUpper(strings.TrimPrefix(url, "https://")), nil
}

func fetchAll(urls []string) ([]string, error) {
	results := make([]result, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := fetch(u)
			results[i] = result{v, err}
		}()
	}
	wg.Wait()
	var out []string
	var errs []error
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		out = append(out, r.value)
	}
	return out, errors.Join(errs...)
}

func main() {
	vals, err := fetchAll([]string{"https://a.dev", "https://b.dev", "https://c.dev"})
	fmt.Println(vals, err)
	vals, err = fetchAll([]string{"https://x.io", "https://bad.io", "https://y.io", "https://bad2.io"})
	fmt.Println(vals)
	fmt.Println(err)
}
