package main

// builtinName labels the built-in example in messages.
const builtinName = "built-in example"

// builtinIntro introduces the built-in example in text output.
const builtinIntro = `No scenario file given, so here is the built-in example: a shop page at https://www.shop.test
updates the cart with fetch() — PATCH https://api.shop.test/cart/items/17, a JSON body, an
X-CSRF-Token header, credentials "include". First against a server whose preflight response forgets
x-csrf-token, then against the fixed server. Explain your own calls with: corsim explain FILE
`

// builtinScenarios is the checkout flow as a scenario file: the same call against the broken and
// the fixed server. It goes through the same reader as any file.
const builtinScenarios = `{"id":"checkout-blocked","page_origin":"https://www.shop.test","servers":{"https://api.shop.test/cart/items/17":{"options":{"status":204,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],["Access-Control-Allow-Methods","GET, PATCH, OPTIONS"],["Access-Control-Allow-Headers","content-type"],["Access-Control-Max-Age","600"]]},"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],["Content-Type","application/json"],["Vary","Origin"]],"body":"{\"items\":3}"}}},"fetches":[{"url":"https://api.shop.test/cart/items/17","method":"PATCH","headers":[["Content-Type","application/json"],["X-CSRF-Token","k9Xq2"]],"body":"{\"quantity\":3}","credentials":"include"}]}
{"id":"checkout-fixed","page_origin":"https://www.shop.test","servers":{"https://api.shop.test/cart/items/17":{"options":{"status":204,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],["Access-Control-Allow-Methods","GET, PATCH, OPTIONS"],["Access-Control-Allow-Headers","content-type, x-csrf-token"],["Access-Control-Max-Age","600"]]},"actual":{"status":200,"headers":[["Access-Control-Allow-Origin","https://www.shop.test"],["Access-Control-Allow-Credentials","true"],["Content-Type","application/json"],["Vary","Origin"]],"body":"{\"items\":3}"}}},"fetches":[{"url":"https://api.shop.test/cart/items/17","method":"PATCH","headers":[["Content-Type","application/json"],["X-CSRF-Token","k9Xq2"]],"body":"{\"quantity\":3}","credentials":"include"}]}
`
