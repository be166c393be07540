using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Distribution : Migration
    {
        private const string RandomUuid =
            "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
            + "substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "StaticPages",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "StaticPages",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "FeedContent",
                table: "Publication",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Full");

            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Featured",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "ContentApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentApiKeys_Staff_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.UpdateData(
                table: "Publication",
                keyColumn: "Id",
                keyValue: 1,
                column: "FeedContent",
                value: "Full");

            // Rows written before this migration get a random (version 4) UUID each and their
            // Markdown as plain text until their next save renders it properly.
            foreach (var table in new[] { "Articles", "StaticPages" })
            {
                migrationBuilder.Sql($"UPDATE \"{table}\" SET \"Uuid\" = {RandomUuid}, \"BodyText\" = \"BodyMarkdown\";");
            }

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Uuid",
                table: "Articles",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentApiKeys_CreatedById",
                table: "ContentApiKeys",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ContentApiKeys_Secret",
                table: "ContentApiKeys",
                column: "Secret",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentApiKeys");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Uuid",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "StaticPages");

            migrationBuilder.DropColumn(
                name: "Uuid",
                table: "StaticPages");

            migrationBuilder.DropColumn(
                name: "FeedContent",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Featured",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Uuid",
                table: "Articles");
        }
    }
}
