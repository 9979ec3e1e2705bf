// Tab completion: candidates as whole lines or as words, one or many.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCompletion } from '../../../web/terminal/completion.ts';

const cases = [
  { name: 'nothing to complete', partial: 'kub', candidates: [], text: 'kub', listing: [] },
  {
    name: 'one whole-line candidate completes with a space',
    partial: 'kubectl get po',
    candidates: ['kubectl get pods'],
    text: 'kubectl get pods ',
    listing: [],
  },
  {
    name: 'one word candidate completes the last word',
    partial: 'kubectl get po',
    candidates: ['pods'],
    text: 'kubectl get pods ',
    listing: [],
  },
  {
    name: 'several extend to their common prefix',
    partial: 'kubectl get s',
    candidates: ['services', 'serviceaccounts'],
    text: 'kubectl get service',
    listing: ['services', 'serviceaccounts'],
  },
  {
    name: 'several with no longer prefix list the words',
    partial: 'kubectl ',
    candidates: ['kubectl get', 'kubectl apply'],
    text: 'kubectl ',
    listing: ['get', 'apply'],
  },
  { name: 'a path keeps completing without a space', partial: 'cat /et', candidates: ['/etc/'], text: 'cat /etc/', listing: [] },
];

for (const c of cases) {
  test(`completion: ${c.name}`, () => {
    const r = applyCompletion(c.partial, c.candidates);
    assert.equal(r.text, c.text);
    if (c.listing.length > 0) assert.deepEqual(r.listing, c.listing);
  });
}
