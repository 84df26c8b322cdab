// Images by URL and as base64. Each provider gets them as it takes them: Anthropic and OpenAI the
// URL itself, Gemini the bytes inline (onellm downloads the URL for it, refusing private addresses).
import { readFile } from "node:fs/promises";
import { OpenAI } from "onellm-sdk";

const imageUrl = process.env["ONELLM_EXAMPLE_IMAGE_URL"] ?? "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg";
// The mock tour serves its picture from 127.0.0.1 over http, so it allows that here; a public
// https URL needs no setting.
const local = imageUrl.startsWith("http://127.0.0.1:");
const client = new OpenAI(local ? { providers: { google: { mediaDownload: { allowPrivateNetwork: true, allowedProtocols: ["http:"] } } } } : {});
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "google/gemini-2.5-flash";

const png = await readFile(new URL("assets/red-square.png", import.meta.url));
const completion = await client.chat.completions.create({
  model,
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in these two pictures? One sentence." },
        { type: "image_url", image_url: { url: imageUrl } },
        { type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
      ],
    },
  ],
});
console.log(completion.choices[0]?.message.content);
