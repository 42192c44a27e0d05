using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Camps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AsksCamp",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CampList",
                table: "Sessions",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ProjectorShowsCamps",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ProjectorShowsWords",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Camp",
                table: "Participants",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AsksCamp",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "CampList",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ProjectorShowsCamps",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ProjectorShowsWords",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Camp",
                table: "Participants");
        }
    }
}
