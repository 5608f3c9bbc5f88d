import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, OutputsFileError, readOutputs } from './outputsFile';

const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('reading a file of model outputs', () => {
  it('reads JSONL in chunks that split lines anywhere, and names the task by the file', async () => {
    const text = lines(5, (i) => JSON.stringify({ prompt: `p${i}`, res: i === 2 ? null : `answer ${i}` }));
    const chunks = text.match(/[\s\S]{1,7}/g)!;
    const read = await readOutputs('jailbreak.jsonl', chunks);
    expect(read.task.file).toBe('jailbreak');
    expect(read.records).toHaveLength(5);
    expect(read.emptyResponses).toBe(1);
    expect(read.format).toBe('jsonl');
  });

  it('reports each malformed line by number and scores the rest (10% broken)', async () => {
    const text = lines(100, (i) => (i % 10 === 3 ? '{"res": "cut off' : i % 10 === 7 ? '' : JSON.stringify({ res: `r${i}`, eval_res: 'LABEL_1' })));
    const read = await readOutputs('misuse.jsonl', [text]);
    expect(read.records).toHaveLength(80);
    expect(read.problems.map((p) => p.line)).toEqual(Array.from({ length: 10 }, (_, k) => 10 * k + 4));
    expect(read.problems[0].message).toMatch(/not valid JSON/);
  });

  it('lists at most 50 problems and counts the rest; a wrong "res" type is named', async () => {
    const text = lines(200, (i) => (i === 0 ? '{"res": "ok"}' : i === 1 ? '{"res": 42}' : 'garbage'));
    const read = await readOutputs('misuse.jsonl', [text]);
    expect(read.records).toHaveLength(1);
    expect(read.problems[0]).toEqual({ line: 2, message: '"res" should be the model\'s text (or null), found number' });
    expect(read.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(read.problems.at(-1)!.message).toBe('… and 149 more problems');
  });

  it('reads the toolkit’s own JSON array under its task name', async () => {
    const read = await readOutputs('safety/exaggerated_safety.json', [JSON.stringify([{ prompt: 'a', res: 'Sure.' }, { prompt: 'b', res: "I'm sorry" }, 7])]);
    expect(read).toMatchObject({ format: 'json-array', records: [{ prompt: 'a' }, { prompt: 'b' }] });
    expect(read.problems[0].message).toMatch(/item 3: expected a JSON object/);
  });

  it('refuses binary, CSV, an unknown task name, an empty file and a file with no valid record, each with a message', async () => {
    const fail = (name: string, text: string) => readOutputs(name, text === '' ? [] : [text]);
    await expect(fail('jailbreak.jsonl', 'PK\u0003\u0004\u0000\u0000binary')).rejects.toThrow(/binary file/);
    await expect(fail('jailbreak.jsonl', 'prompt,res\nhello,world')).rejects.toThrow(/looks like CSV/);
    await expect(fail('recipes.json', '[{"res": "x"}]')).rejects.toThrow(/no TrustLLM task is named "recipes" \(the file is a JSON array\)/);
    await expect(fail('recipes.jsonl', '{"res": "x"}')).rejects.toThrow(/no TrustLLM task is named "recipes"\./);
    await expect(fail('jailbreak.jsonl', '')).rejects.toThrow(/empty/);
    await expect(fail('jailbreak.jsonl', 'nope\nstill nope')).rejects.toThrow(/no valid record \(2 lines with problems; line 1: not valid JSON/);
    await expect(fail('jailbreak.jsonl', '[1, 2')).rejects.toThrow(OutputsFileError);
  });

  it('reads what a first look could mistake: a UTF-16 file is named, a stray comment line is one bad line, an array after blank chunks is an array', async () => {
    const utf16 = new TextDecoder('utf-8').decode(new Uint8Array([0xff, 0xfe, ...[...'{"res": "x"}'].flatMap((c) => [c.charCodeAt(0), 0])]));
    await expect(readOutputs('jailbreak.jsonl', [utf16])).rejects.toThrow(/UTF-16 text. Save it as UTF-8/);
    const commented = await readOutputs('jailbreak.jsonl', ['# model x, run 3\n{"res": "a"}\n{"res": "b"}']);
    expect(commented.records).toHaveLength(2);
    expect(commented.recordLines).toEqual([2, 3]);
    expect(commented.problems[0].line).toBe(1);
    const array = await readOutputs('jailbreak.json', ['\n', '  ', '[{"res": "a"},', ' {"res": "b"}]']);
    expect(array).toMatchObject({ format: 'json-array', recordLines: [1, 2] });
  });
});
