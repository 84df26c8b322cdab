// Audio input (`input_audio`, base64 WAV or MP3). A provider that cannot take audio says so before
// anything is sent: a part is never dropped silently.
import { readFile } from "node:fs/promises";
import { OpenAI, UnsupportedParameterError } from "onellm-sdk";

const client = new OpenAI();
const model = process.env["ONELLM_EXAMPLE_MODEL"] ?? "google/gemini-2.5-flash"; // or openai/gpt-4o-audio-preview

const wav = await readFile(new URL("assets/tone.wav", import.meta.url));
try {
  const completion = await client.chat.completions.create({
    model,
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "What do you hear in this clip?" },
          { type: "input_audio", input_audio: { data: wav.toString("base64"), format: "wav" } },
        ],
      },
    ],
  });
  console.log(completion.choices[0]?.message.content);
} catch (error) {
  if (!(error instanceof UnsupportedParameterError)) throw error;
  console.log(`refused before sending: ${error.message}`);
}
