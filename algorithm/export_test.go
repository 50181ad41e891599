package algorithm

import (
	"reflect"
	"strings"
)

// open makes an unexported field of an addressable struct readable and settable.
func open(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), v.Addr().UnsafePointer()).Elem()
}

// RuleNames lists the fields of prof's rules that differ from the Spec profile's: each named
// divergence, with the safelist's fields separately ("safelist.ClientHints"). The cache policy is
// left out: package cache tests it field by field.
func RuleNames(prof Profile) []string {
	var names []string
	r := reflect.ValueOf(&profileRules[prof]).Elem()
	spec := reflect.ValueOf(&profileRules[Spec]).Elem()
	for i := 0; i < r.NumField(); i++ {
		f := r.Type().Field(i)
		switch f.Name {
		case "name", "cachePolicy":
			continue
		case "safelist":
			for j := 0; j < f.Type.NumField(); j++ {
				if !reflect.DeepEqual(open(r.Field(i)).Field(j).Interface(), open(spec.Field(i)).Field(j).Interface()) {
					names = append(names, "safelist."+f.Type.Field(j).Name)
				}
			}
			continue
		}
		if !reflect.DeepEqual(open(r.Field(i)).Interface(), open(spec.Field(i)).Interface()) {
			names = append(names, f.Name)
		}
	}
	return names
}

// WithoutRule gives prof the Spec profile's value of the named rule (as RuleNames names it) until
// the returned function restores it. It is for tests that prove a rule matters; they must not run in
// parallel with other fetches.
func WithoutRule(prof Profile, name string) (restore func()) {
	saved := profileRules[prof]
	field, sub, _ := strings.Cut(name, ".")
	dst := open(reflect.ValueOf(&profileRules[prof]).Elem().FieldByName(field))
	src := open(reflect.ValueOf(&profileRules[Spec]).Elem().FieldByName(field))
	if sub != "" {
		dst, src = dst.FieldByName(sub), src.FieldByName(sub)
	}
	dst.Set(src)
	return func() { profileRules[prof] = saved }
}
