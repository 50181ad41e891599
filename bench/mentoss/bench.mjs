// The Mentoss row of bench/compare.sh: the checkout PATCH (bench/exchange.go) made with Mentoss's
// mocked fetch(), which models a browser's CORS checks in Node, against a MockServer that gives the
// same preflight and actual answers as corsim's fixed Responder.
//
//   node bench.mjs            check the exchange once, then time it
//   MENTOSS_N=2000 MENTOSS_RUNS=6 node bench.mjs   (the defaults)
//
// It prints what Mentoss did with the exchange (whether it sent a preflight, the outcome, what
// script can read), the cost of laying the routes anew, one line per timed run, and a last line
// `mentoss fetches/s median=… setup_ns=… runs=…` that compare.sh reads. Every fetch starts with an empty preflight cache, as corsim's row has none.

import { FetchMocker, MockServer } from "mentoss";

const PAGE_ORIGIN = "https://www.shop.test";
const API = "https://api.shop.test";
const PATH = "/cart/items/17";
const URL = API + PATH;

const N = Number(process.env.MENTOSS_N || 2000);
const RUNS = Number(process.env.MENTOSS_RUNS || 6);
const WARMUP = Math.min(N, 500);

// The answers of bench/exchange.go's PreflightResponse and ActualResponse. Access-Control-Allow-Headers
// is written with a space after the comma (PreflightACAH there): Mentoss splits the list on ", " and
// so blocks "content-type,x-csrf-token", the form both middlewares send and browsers accept; the
// check below shows it.
const MIDDLEWARE_ACAH = "content-type,x-csrf-token";
const preflightAnswer = {
	status: 204,
	headers: {
		"Access-Control-Allow-Origin": PAGE_ORIGIN,
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods": "PATCH",
		"Access-Control-Allow-Headers": "content-type, x-csrf-token",
		"Access-Control-Max-Age": "600",
		Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
	},
};
const actualAnswer = {
	status: 200,
	headers: {
		"Access-Control-Allow-Origin": PAGE_ORIGIN,
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Expose-Headers": "X-Request-Id",
		Vary: "Origin",
		"Content-Type": "application/json",
		"X-Request-Id": "r-17",
	},
	body: '{"id":17,"qty":1}',
};

const server = new MockServer(API);
const seen = [];
let recording = true; // only the check records what the server saw
let acah = preflightAnswer.headers["Access-Control-Allow-Headers"];
// Response creators, so that the check below can record the requests the server saw and try the
// middlewares' spelling of Access-Control-Allow-Headers; the timed runs use the same creators (a
// push per request is noise next to a fetch).
const answerPreflight = (request) => {
	if (recording) seen.push(describe(request));
	return { ...preflightAnswer, headers: { ...preflightAnswer.headers, "Access-Control-Allow-Headers": acah } };
};
const answerActual = (request) => {
	if (recording) seen.push(describe(request));
	return actualAnswer;
};
// A MockServer route answers once; every fetch therefore starts by laying the two routes anew (the
// timed runs include that; its cost alone is printed too).
function routes() {
	server.clear();
	server.options(PATH, answerPreflight);
	server.patch(PATH, answerActual);
}

function describe(request) {
	const h = {};
	for (const [k, v] of request.headers) h[k] = v;
	return `${request.method} ${request.url} ${JSON.stringify(h)}`;
}

// The page is https://www.shop.test: Mentoss applies its CORS model to any URL of another origin.
const mocker = new FetchMocker({ servers: [server], baseUrl: PAGE_ORIGIN });
const { fetch } = mocker;

const init = {
	method: "PATCH",
	credentials: "include",
	headers: { "Content-Type": "application/json", "X-CSRF-Token": "t" },
	body: "{}",
};

// One fetch with an empty preflight cache; resolves to what script sees, or throws as fetch() would.
async function once() {
	routes();
	mocker.clearPreflightCache();
	const res = await fetch(URL, init);
	if (res.status !== 200 || res.headers.get("x-request-id") !== "r-17") {
		throw new Error(`unexpected response ${res.status} ${[...res.headers.keys()]}`);
	}
	return res;
}

// The check: what Mentoss does with this exchange.
{
	seen.length = 0;
	let res;
	try {
		res = await once();
	} catch (e) {
		console.log(`mentoss blocked the exchange: ${e.message}`);
		process.exit(1);
	}
	console.log(`mentoss sent ${seen.length} requests:`);
	for (const s of seen) console.log(`  ${s}`);
	console.log(`mentoss outcome: ok, type ${res.type}, status ${res.status}, script can read headers [${[...res.headers.keys()].join(", ")}]`);

	// Without clearing the cache, does a second fetch reuse the preflight?
	seen.length = 0;
	routes();
	await fetch(URL, init);
	console.log(`mentoss, second fetch with its cache kept: ${seen.length} request(s) sent`);

	// The middlewares' spelling of the same allow list.
	acah = MIDDLEWARE_ACAH;
	try {
		await once();
		console.log(`mentoss with Access-Control-Allow-Headers: ${MIDDLEWARE_ACAH} (as the middlewares send it): ok`);
	} catch (e) {
		console.log(`mentoss with Access-Control-Allow-Headers: ${MIDDLEWARE_ACAH} (as the middlewares send it): blocked: ${e.message}`);
	}
	acah = preflightAnswer.headers["Access-Control-Allow-Headers"];
	recording = false;
}

for (let i = 0; i < WARMUP; i++) await once();

let setupNs;
{
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < N; i++) {
		routes();
		mocker.clearPreflightCache();
	}
	setupNs = Number(process.hrtime.bigint() - t0) / N;
	console.log(`mentoss route setup and cache clearing alone: ${setupNs.toFixed(0)} ns/fetch (included below)`);
}

const rates = [];
for (let r = 0; r < RUNS; r++) {
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < N; i++) await once();
	const ns = Number(process.hrtime.bigint() - t0);
	const rate = (N * 1e9) / ns;
	rates.push(rate);
	console.log(`mentoss run ${r + 1}: ${N} fetches in ${(ns / 1e6).toFixed(0)} ms, ${rate.toFixed(0)} fetches/s, ${(ns / N).toFixed(0)} ns/fetch`);
}
rates.sort((a, b) => a - b);
const mid = rates.length >> 1;
const median = rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
console.log(`mentoss fetches/s median=${median.toFixed(1)} setup_ns=${setupNs.toFixed(0)} runs=${RUNS} n=${N} node=${process.version}`);
