using AngleSharp.Html.Dom;

namespace Masthead.Testing;

/// <summary>What a browser would send for a form: its inputs, checked boxes, selected options and text areas.</summary>
internal static class FormFields
{
    public static List<KeyValuePair<string, string>> Read(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "image" or "file"):
                    if (input.Type is ("checkbox" or "radio") && !input.IsChecked)
                    {
                        continue;
                    }

                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        return fields;
    }
}
