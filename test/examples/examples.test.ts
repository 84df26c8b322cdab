// Every example in examples/ runs as a program (a child process, as `npm run demo` runs it) against
// the mock providers in each wire format — OpenAI, Anthropic, Gemini — and what it prints is checked
// against the recordings the mocks answered with; what the mock received is checked against the
// provider's native request shape. An example that fails, prints to stderr or keeps its process
// alive after finishing fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES, modelFor, secondModelFor, type ExampleEntry } from "../../examples/tour/catalogue.js";
import { MOCK_FORMATS, type MockFormat } from "../../examples/tour/mock-formats.js";
import { startMockProviders, type MockProviders, type MockRequest, type MockSession } from "../../examples/tour/mock-providers.js";
import { mockEnvironment, runExample, type ExampleRun } from "../../examples/tour/run-example.js";
import { recordedAnswer, recordedReasoningTokens, recordedStreamText } from "./recordings.js";

let mocks: MockProviders;
beforeAll(async () => {
  mocks = await startMockProviders();
});
afterAll(async () => {
  await mocks?.stop();
});

interface Ran {
  run: ExampleRun;
  session: MockSession;
  model: string;
  second: string;
}

async function run(entry: ExampleEntry, format: MockFormat): Promise<Ran> {
  const session = mocks.session(entry.name);
  const model = modelFor(entry, format);
  const second = secondModelFor(format);
  const env = mockEnvironment(process.env, session, { ONELLM_EXAMPLE_MODEL: model, ONELLM_EXAMPLE_SECOND_MODEL: second });
  const result = await runExample(entry.name, env, "collect");
  // Exit 0 with nothing on stderr: no error, no warning, no handle left behind (exit-check.mjs).
  expect({ code: result.code, stderr: result.stderr }, result.stdout).toEqual({ code: 0, stderr: "" });
  return { run: result, session, model, second };
}

const FORMAT_OF_PROVIDER: Readonly<Record<string, MockFormat>> = { openai: "openai", anthropic: "anthropic", google: "gemini" };

function formatOf(model: string): MockFormat {
  const format = FORMAT_OF_PROVIDER[model.slice(0, model.indexOf("/"))];
  if (format === undefined) throw new Error(`no mock format for ${model}`);
  return format;
}

function body(request: MockRequest | undefined): Record<string, unknown> {
  expect(request).toBeDefined();
  return request!.request.body as Record<string, unknown>;
}

function answered(ran: Ran): string[] {
  return ran.session.requests.map((request) => `${request.format}:${request.answer}`);
}

/** What each example must print and send, given how it ran. */
const CHECKS: Readonly<Record<string, (ran: Ran, format: MockFormat) => void>> = {
  "basic-completion": ({ run: { stdout }, model }, format) => {
    expect(stdout).toContain(recordedAnswer(format, "basic-completion.json").texts[0]);
    expect(stdout).toContain(`served by ${model};`);
  },
  streaming: ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain(recordedStreamText(format, "streaming.sse"));
    expect(stdout).toMatch(/\[\d+ prompt \+ \d+ completion tokens\]/);
    expect(session.requests.map((request) => request.stream)).toEqual([true]);
  },
  "system-prompt": ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain(recordedAnswer(format, "system-prompt.json").texts[0]);
    const sent = body(session.requests[0]);
    const system = { openai: sent["messages"], anthropic: sent["system"], gemini: sent["systemInstruction"] }[format];
    expect(JSON.stringify(system)).toContain("You are a pirate.");
  },
  images: ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain(recordedAnswer(format, "images.json").texts[0]);
    const sent = JSON.stringify(body(session.requests[0]));
    if (format === "gemini") {
      // Gemini takes images inline: the URL was downloaded from the mock media host.
      expect((sent.match(/"inlineData"/g) ?? []).length).toBe(2);
      expect(sent).not.toContain("/media/ant.png");
    } else {
      expect(sent).toContain(session.imageURL);
      expect(sent).toContain("iVBORw0KGgo"); // the base64 PNG
    }
  },
  audio: ({ run: { stdout }, session }, format) => {
    if (format === "anthropic") {
      expect(stdout).toMatch(/^refused before sending: .*input_audio/m);
      expect(session.requests).toEqual([]);
    } else {
      expect(stdout).toContain(recordedAnswer(format, "audio.json").texts[0]);
      expect(JSON.stringify(body(session.requests[0]))).toContain(format === "gemini" ? "audio/wav" : '"format":"wav"');
    }
  },
  "function-calling": ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain('tool call: get_weather({"city":"Paris"})');
    expect(stdout).toContain(recordedAnswer(format, "function-calling.after-tool.json").texts[0]);
    expect(session.requests.map((request) => request.variant)).toEqual([undefined, "after-tool"]);
    expect(JSON.stringify(body(session.requests[1]))).toContain("sunny");
  },
  "json-mode": ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain("json_object: { name: 'Marie Curie', born: 1867 }");
    expect(stdout).toContain("json_schema: { name: 'Marie Curie', born: 1867 }");
    // Anthropic takes json_object only through a forced tool (said in warnings); JSON Schema natively on Sonnet 4.5.
    if (format === "anthropic") {
      expect(session.requests.map((request) => request.variant)).toEqual(["forced-tool", undefined]);
      expect(stdout).toContain("response_format is emulated for anthropic: json_object through a forced tool");
    }
  },
  "parse-zod": ({ run: { stdout } }, format) => {
    const weather = JSON.parse(recordedAnswer(format, "parse-zod.json").texts[0]!) as { city: string; temperature_c: number; conditions: string };
    expect(stdout).toContain(`${weather.city}: ${weather.temperature_c} °C, ${weather.conditions}`);
  },
  "run-tools": ({ run: { stdout }, session }, format) => {
    expect(stdout).toContain('tool call: get_weather({"city":"Paris"})');
    expect(stdout).toContain(recordedAnswer(format, "function-calling.after-tool.json").texts[0]);
    expect(session.requests.map((request) => request.variant)).toEqual([undefined, "after-tool"]);
  },
  "multi-turn": ({ run: { stdout }, session, model, second }, format) => {
    const firstAnswer = recordedAnswer(format, "multi-turn.json").texts[0]!;
    expect(stdout).toContain(`${model}: ${firstAnswer}`);
    expect(stdout).toContain(`${second}: ${recordedAnswer(formatOf(second), "multi-turn.followup.json").texts[0]}`);
    expect(answered({ session } as Ran)).toEqual([`${format}:${format}/multi-turn.json`, `${formatOf(second)}:${formatOf(second)}/multi-turn.followup.json`]);
    // The first provider's reply went to the second provider as history.
    expect(JSON.stringify(body(session.requests[1]))).toContain(firstAnswer);
  },
  "several-choices": ({ run: { stdout }, session }, format) => {
    const names = format === "anthropic" ? [1, 2, 3].map((index) => recordedAnswer(format, `several-choices.${index}.json`).texts[0]) : recordedAnswer(format, "several-choices.json").texts;
    const printed = [...stdout.matchAll(/^(\d): (.*)$/gm)].map((match) => match[2]);
    expect(printed.sort()).toEqual([...names].sort());
    expect(session.requests.length).toBe(format === "anthropic" ? 3 : 1);
    if (format === "anthropic") expect(stdout).toContain("n is emulated for anthropic");
  },
  fallback: ({ run: { stdout }, session, model }, format) => {
    expect(stdout).toContain(recordedAnswer(format, "fallback.json").texts[0]);
    expect(stdout).toContain("anthropic/claude-3-opus-20240229: NotFoundError (HTTP 404)");
    expect(stdout).toContain(`${model}: ok (HTTP 200)`);
    expect(answered(ran(session))).toEqual(["anthropic:not-found", `${format}:${format}/fallback.json`]);
  },
  retries: ({ run: { stdout }, session, second }, format) => {
    expect(stdout).toMatch(/^retry 1\/2 of .* in \d+ ms \(InternalServerError\)$/m);
    expect(stdout).toMatch(/^retry 2\/2 of /m);
    expect(stdout).toMatch(/^fallback: .* -> .* \(InternalServerError\)$/m);
    expect(stdout).toContain(recordedAnswer(formatOf(second), "retries.json").texts[0]);
    expect(stdout).toContain(`4 attempts; served by ${second.slice(0, second.indexOf("/"))}`);
    expect(answered(ran(session))).toEqual([`${format}:overloaded`, `${format}:overloaded`, `${format}:overloaded`, `${formatOf(second)}:${formatOf(second)}/retries.json`]);
  },
  "timeout-abort": ({ run: { stdout } }, format) => {
    expect(stdout).toMatch(/^timed out: Request timed out after 1000 ms/m);
    const aborted = /^aborted after (\d+) characters: (.*)$/m.exec(stdout);
    expect(aborted).not.toBeNull();
    const story = recordedStreamText(format, "timeout-abort.sse");
    // Stopped early: a prefix of the story, cut where the example asked, not the whole of it.
    expect(story.startsWith(aborted![2]!)).toBe(true);
    expect(Number(aborted![1])).toBeGreaterThanOrEqual(40);
    expect(Number(aborted![1])).toBeLessThan(story.length);
  },
  reasoning: ({ run: { stdout }, session }, format) => {
    const answer = recordedAnswer(format, "reasoning.json");
    expect(stdout).toContain(`answer: ${answer.texts[0]}`);
    if (format === "openai") {
      expect(stdout).toContain(`reasoning tokens: ${recordedReasoningTokens("reasoning.json")}`);
      expect(body(session.requests[0])["reasoning_effort"]).toBe("low");
    } else {
      expect(stdout).toContain(`reasoning: ${answer.reasoning.trim()}`);
    }
  },
};

function ran(session: MockSession): Ran {
  return { session } as Ran;
}

describe.concurrent("examples, run on the mock providers", () => {
  it("every example has its checks (a new example needs them)", () => {
    expect(Object.keys(CHECKS).sort()).toEqual(EXAMPLES.map((entry) => entry.name).sort());
  });

  for (const entry of EXAMPLES) {
    describe(`examples/${entry.name}.ts`, () => {
      for (const format of MOCK_FORMATS) {
        it(`runs on the ${format} format (${modelFor(entry, format)})`, async () => {
          const result = await run(entry, format);
          CHECKS[entry.name]!(result, format);
        });
      }
    });
  }
});
