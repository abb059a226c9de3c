/** @jest-environment jsdom */
/** The site's MAR action words: added with their kind, removed, and a word that is not one refused. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ActionsPanel } from './ActionsPanel';

describe('ActionsPanel', () => {
  test('adds a site action word with its kind, and removes one', () => {
    const onChange = jest.fn();
    const { rerender } = render(
      <FluentProvider theme={webLightTheme}>
        <ActionsPanel actions={[]} onChange={onChange} />
      </FluentProvider>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Action word' }), { target: { value: 'Bag Hung' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Means' }), { target: { value: 'start' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onChange).toHaveBeenCalledWith([{ action: 'Bag Hung', kind: 'start' }]);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ActionsPanel actions={[{ action: 'Bag Hung', kind: 'start' }]} onChange={onChange} />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bag Hung' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  test('says why a word cannot be added, and adds nothing', () => {
    const onChange = jest.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <ActionsPanel actions={[]} onChange={onChange} />
      </FluentProvider>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Action word' }), { target: { value: '---' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText(/is not ACTION=KIND/)).toBeInTheDocument();
  });
});
