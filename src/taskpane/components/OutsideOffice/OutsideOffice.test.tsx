/** @jest-environment jsdom */
/** The page outside Excel: what the add-in is and how to install it. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { OutsideOffice } from './OutsideOffice';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe('OutsideOffice', () => {
  it('says what the add-in is and how to install it, with the manifest link', () => {
    wrap(<OutsideOffice reason="browser" origin="https://addin.example.org" />);
    expect(screen.getByRole('heading', { name: 'Infusion Coder', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Install' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://addin.example.org/manifest.xml' })).toHaveAttribute('href', 'manifest.xml');
    expect(screen.getByText(/Upload My Add-in/)).toBeInTheDocument();
  });

  it('renders headings and paragraphs as blocks, not one run of text', () => {
    const { container } = wrap(<OutsideOffice reason="browser" origin="https://addin.example.org" />);
    const blocks = [...container.querySelectorAll('h1, h2, p')];
    expect(blocks.map((e) => e.tagName)).toEqual(['H1', 'P', 'P', 'H2', 'P']);
    // Fluent's text components are inline unless told otherwise.
    for (const e of blocks) expect([e.tagName, getComputedStyle(e).display]).toEqual([e.tagName, 'block']);
  });

  it('explains when Office.js could not be reached', () => {
    wrap(<OutsideOffice reason="office-unavailable" origin="https://localhost:3000" />);
    expect(screen.getByRole('alert')).toHaveTextContent(/Office.js could not be loaded/);
  });
});
