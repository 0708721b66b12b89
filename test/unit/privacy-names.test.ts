// Patient names in context (nb, sv, da, en).
import { describe, expect, it } from 'vitest';
import { containsSensitive, detectSensitive } from '../../src/domain/privacy/index.ts';

/** The texts each finding covers (the caller masks exactly these). */
function namesIn(text: string): string[] {
  const findings = detectSensitive(text);
  for (const f of findings) expect(f).toEqual({ kind: 'patient-name', start: f.start, end: f.end });
  return findings.map((f) => text.slice(f.start, f.end));
}

describe('patient names in context are found', () => {
  it.each([
    // nb
    ['pasienten Kari Nordmann fikk feil dose', ['Kari Nordmann']],
    ['Pasienten Kari fikk feil dose', ['Kari']],
    ['pasient: Ola Nordmann', ['Ola Nordmann']],
    ['pasienten som heter Per Hansen falt', ['Per Hansen']],
    ['Pasienten het Kari', ['Kari']],
    ['pasient ved navn Ola Nordmann', ['Ola Nordmann']],
    ['pas. Anne-Lise Ødegård ble flyttet', ['Anne-Lise Ødegård']],
    ['pt. Ola Nordmann', ['Ola Nordmann']],
    ['pasient K. Nordmann', ['K. Nordmann']],
    ['beboeren Åse Lie ble funnet', ['Åse Lie']],
    ['brukeren Jon Olsen ringte', ['Jon Olsen']],
    ['pårørende Kari Hansen ringte', ['Kari Hansen']],
    ['Kari Nordmann (pasient) ble flyttet', ['Kari Nordmann']],
    ['Vi fant Kari Nordmann, pasienten på rom 4, på gulvet', ['Kari Nordmann']],
    ['Fru Olsen ble', ['Olsen']],
    ['Pasientene Kari Hansen og Ola Nordmann ble forvekslet', ['Kari Hansen', 'Ola Nordmann']],
    ['Pasienten Kari og Paracet', ['Kari']],
    ['herr Hansen og fru Kari Olsen', ['Hansen', 'Kari Olsen']],
    // sv
    ['patienten Sven Svensson föll', ['Sven Svensson']],
    ['patienten som hette Åsa Jönsson', ['Åsa Jönsson']],
    ['patienterna Sven och Anna förväxlades', ['Sven', 'Anna']],
    ['den boende Karl-Erik Öberg föll', ['Karl-Erik Öberg']],
    ['anhörig Lena Andersson ringde', ['Lena Andersson']],
    ['brukaren Eva af Klint', ['Eva af Klint']],
    ['Sven Svensson (patient) föll', ['Sven Svensson']],
    // da
    ['Patienten, Jens Hansen, fik', ['Jens Hansen']],
    ['Patienten hedder Søren', ['Søren']],
    ['borgeren Mette Frederiksen faldt', ['Mette Frederiksen']],
    ['beboeren Ib Jørgensen', ['Ib Jørgensen']],
    ['hr. Jensen faldt', ['Jensen']],
    // en
    ['the patient John Smith was', ['John Smith']],
    ['The patient, Mary Jones, fell', ['Mary Jones']],
    ['a patient named Tom', ['Tom']],
    ['the patients Tom and Jerry were swapped', ['Tom', 'Jerry']],
    ['resident Ludwig van Beethoven', ['Ludwig van Beethoven']],
    ['Mr Smith and Mrs. Brown', ['Smith', 'Brown']],
    ["patient Sean O'Brien", ["Sean O'Brien"]],
    ['the patient Ian McLean', ['Ian McLean']],
  ])('%s', (text, expected) => {
    expect(namesIn(text)).toEqual(expected);
    expect(containsSensitive(text)).toBe(true);
  });

  it('never puts the name itself in a finding', () => {
    const findings = detectSensitive('pasienten Kari Nordmann fikk feil dose');
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toMatch(/Kari|Nordmann/);
  });

  it('takes at most three capitalised tokens', () => {
    expect(namesIn('pasienten Kari Anne Nordmann fikk')).toEqual(['Kari Anne Nordmann']);
  });
});

describe('text that is not a patient name', () => {
  it.each([
    ['pasienten var urolig'],
    ['Pasienten fikk Paracet 1 g'],
    ['Patienten på rum 4'],
    ['the patient in bed 3'],
    ['Patient safety'],
    ['Patient Safety Week'],
    ['Relative Risk'],
    ['The patient called Security'],
    ['pasientsikkerhet er viktig'],
    ['Pasientforeningen ble kontaktet'],
    ['sykepleier Anna Berg var på vakt'],
    ['Kari Nordmann ringte'],
    ['Ole Hansen (lege) tilkalt'],
    ['Pasienten Ble flyttet'],
    ['Pasienten: Paracet 1 g gitt'],
    ['pasient: Morfin 5 mg'],
    ['Pasienten Insulin 4 IE'],
    ['Pasienten, Natt til søndag'],
    ['pasienten Mandag morgen'],
    ['Pasient Avdeling 3'],
    ['Pasienten Akutten'],
    ['Pasienten Intensiv'],
    ['Pasienten Rom 4'],
    ['pasient: Ingen skade'],
    ['Patient: Fell out of bed'],
    ['Dessverre, pasienten falt'],
    ["the patient's daughter"],
    ['pasient-ID mangler'],
    ['Pasient med MS Kari'],
    ['we miss Kari'],
    ['Fru'],
  ])('%s', (text) => {
    expect(detectSensitive(text)).toEqual([]);
    expect(containsSensitive(text)).toBe(false);
  });
});
