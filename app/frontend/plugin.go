package frontend

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The namespaces of the bundler's plugin: files of web/, and the facts module.
const (
	webNamespace   = "web"
	factsNamespace = "facts"
)

// webPlugin makes esbuild read every file from web (the server's copy of web/ is often the
// binary's embedded one, not a folder esbuild could read) and resolve "facts" (a script's import)
// and "facts.css" (the stylesheet's @import) to the modules generated from the Go values. Any
// other bare import is refused: the shipped code has no dependency from npm.
func webPlugin(web fs.FS, factsJS, factsCSS string) api.Plugin {
	return api.Plugin{Name: "eventcard", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			switch {
			case a.Path == "facts" && a.Kind == api.ResolveJSImportStatement,
				a.Path == "facts.css" && a.Kind == api.ResolveCSSImportRule:
				return api.OnResolveResult{Path: a.Path, Namespace: factsNamespace}, nil
			case a.Kind == api.ResolveEntryPoint:
				return api.OnResolveResult{Path: a.Path, Namespace: webNamespace}, nil
			case strings.HasPrefix(a.Path, "./") || strings.HasPrefix(a.Path, "../"):
				p := path.Join(path.Dir(a.Importer), a.Path)
				if !fs.ValidPath(p) {
					return api.OnResolveResult{}, fmt.Errorf("%q is outside web/", a.Path)
				}
				return api.OnResolveResult{Path: p, Namespace: webNamespace}, nil
			}
			return api.OnResolveResult{}, fmt.Errorf("%q: only relative paths and \"facts\" are imported", a.Path)
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: webNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			data, err := fs.ReadFile(web, a.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := string(data)
			return api.OnLoadResult{Contents: &s, Loader: loaderOf(a.Path)}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: factsNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			if a.Path == "facts.css" {
				return api.OnLoadResult{Contents: &factsCSS, Loader: api.LoaderCSS}, nil
			}
			return api.OnLoadResult{Contents: &factsJS, Loader: api.LoaderJS}, nil
		})
	}}
}

func loaderOf(name string) api.Loader {
	if path.Ext(name) == ".css" {
		return api.LoaderCSS
	}
	return api.LoaderJS
}
