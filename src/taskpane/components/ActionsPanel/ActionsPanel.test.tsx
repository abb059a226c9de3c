/** @jest-environment jsdom */
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
});
